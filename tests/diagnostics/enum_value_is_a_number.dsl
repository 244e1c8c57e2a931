// expect: E0110
enum Level { 1 2 3 }
