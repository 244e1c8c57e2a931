// A messy but valid schema: comments in every position, odd spacing, one-line bodies.
/* A block comment
   spanning lines. */




/// The header's doc.
schema   mess {  tenant Company   // the tenant
  feature "mess" timestamp 20260301000000
  // settings end here
}
/// Statuses.
enum Status {open, "on-hold",  closed}   // trailing the enum
enum Big { /* forces lines */ a b
  c // after c
}

/// Doc of Company.
entity Company global { name string(255) unique } /// Doc of name.

entity Ticket   // the header
   no_soft_delete
{
  /// Doc of subject.
  subject string(200)   check(length 1..200)   // why 200
  status Status = open;  priority smallint = 0 check(0..5) /// Doc of status and priority.


  contact -> Contact? on delete set null /* block after */
  /* before code */ body text?
  // before the index
  index(status, priority desc)
  check(sql "priority >= 0")   // a table check
  // the end of Ticket
}
entity Contact { name string(100); tickets <- Ticket[] }
// The end.
