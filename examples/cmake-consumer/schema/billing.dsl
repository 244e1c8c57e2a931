/// An invoice sent to a customer company.
entity Invoice {
  number  string(30) unique
  total   decimal(12, 2) = 0 check(0..)
}
