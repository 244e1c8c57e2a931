// expect: E0111
entity