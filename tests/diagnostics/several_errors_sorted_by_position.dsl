// expect: E0405 E0202 E0303 E0210
schema shop { tenant Company  timestamp 20260101000000 }
entity Company global { name string(255) }
entity Contact {
  name    string(255)
  tickets <- Ticket[]
}
entity Ticket {
  title    strng(255)
  priority integer = "high"
  index(titel)
}
