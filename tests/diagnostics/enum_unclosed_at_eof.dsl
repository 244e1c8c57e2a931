// expect: E0110
enum Level { low medium
