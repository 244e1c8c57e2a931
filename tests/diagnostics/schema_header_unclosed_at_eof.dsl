// expect: E0106
schema chat {
  feature "chat"
