/// The sales CRM from before the platform: its tables were created by hand years ago with
/// Sequelize's default names (PascalCase plural tables, camelCase columns), and this schema
/// describes them as they are so that new code and migrations stay consistent with them.
schema crm {
  tenant    Company
  naming    pascal_case
  feature   "legacy crm"
  timestamp 20260212170000
}

/// Where a deal is in the sales pipeline.
enum DealStage { lead qualified proposal negotiation won lost }

/// What kind of touch point an activity records.
enum ActivityKind { call email meeting note task }

/// A customer company: the tenant root.
entity Company global {
  name  string(255)
  /// The subdomain the company signs in at, like "acme" for acme.crm.example.com.
  slug  string(63) unique check(match "^[a-z0-9-]+$")
}

/// ISO 3166 countries: one list for every company, loaded by a seed.
entity Country global no_soft_delete {
  /// ISO 3166-1 alpha-2 code, upper case.
  code  string(2) unique check(match "^[A-Z]{2}$")
  name  string(100)
}

/// A salesperson.
entity User {
  name   string(255)
  email  string(255) unique
  deals  <- Deal[] via owner
}

/// A business the company sells to.
/// Account and Contact reference each other: the migration creates Accounts without its
/// primaryContactId key and adds it once Contacts exists.
entity Account {
  name            string(255)
  website         string(2048)?
  country         -> Country?
  /// The contact the salespeople talk to first.
  primaryContact  -> Contact? on delete set null
  /// The id the account had in the spreadsheet this CRM replaced; the old column name stays.
  legacyCode      string(20)? column "LEGACY_CODE" unique
  contacts        <- Contact[] via account
  deals           <- Deal[]
}

/// A person at an account.
entity Contact {
  firstName  string(100)
  lastName   string(100)?
  email      string(255)? unique
  phone      string(20)?
  /// Exposed in links and to integrations instead of the sequential id.
  publicId   uuid = uuid() unique
  account    -> Account on delete cascade
  primaryOf  <- Account via primaryContact
}

/// A sales opportunity with one account.
entity Deal {
  title            string(255)
  /// Expected revenue in the company's currency.
  amount           decimal(14, 2) = 0 check(0..)
  stage            DealStage = lead
  /// Win probability in percent, as the salesperson estimates it.
  probability      smallint = 10 check(0..100)
  /// The day the deal entered the pipeline.
  openedOn         date = now()
  expectedCloseOn  date?
  closedAt         datetime?
  account          -> Account on delete cascade
  contact          -> Contact? on delete set null
  owner            -> User? on delete set null
  activities       <- Activity[]
  // The pipeline board: open deals of a company by stage and expected close date.
  index(company, stage, expectedCloseOn) where sql "\"closedAt\" IS NULL AND \"deletedAt\" IS NULL"
  check(sql "\"closedAt\" IS NULL OR stage IN ('won', 'lost')")
}

/// A call, email, meeting or note about a deal. The old app named the table itself.
entity Activity table "DealActivities" {
  kind     ActivityKind
  subject  string(255)
  details  text?
  dueAt    datetime?
  doneAt   datetime?
  deal     -> Deal on delete cascade
  user     -> User? on delete set null
  index(deal, createdAt desc)
}
