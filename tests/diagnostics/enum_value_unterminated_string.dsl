// expect: E0103
enum Level { low "very high }
