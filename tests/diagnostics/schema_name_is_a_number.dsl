// expect: E0104
schema 42 {
}
