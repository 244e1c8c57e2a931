// expect: E0107
schema chat {
  feature 'chat'
}
