// expect: E0107
schema chat {
  tenant
}
