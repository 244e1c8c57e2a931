// expect: E0207
schema chat {
  timestamp "yesterday"
}
