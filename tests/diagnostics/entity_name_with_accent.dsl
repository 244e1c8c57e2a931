// expect: E0112
entity Título {
  texto string(255)
}
