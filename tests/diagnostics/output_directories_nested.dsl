// expect: E0218
schema s {
  tenant     Company
  migrations "src/db"
  models     "src/db/models"
}
entity Company global { name text }
