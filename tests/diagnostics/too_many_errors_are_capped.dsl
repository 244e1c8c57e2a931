// expect: E0202 (54 times; 50 shown)
schema shop { tenant Company  timestamp 20260101000000 }
entity Company global { name string(255) }
entity Ticket {
  f0x0 strng; f0x1 strng; f0x2 strng; f0x3 strng; f0x4 strng; f0x5 strng; f0x6 strng; f0x7 strng; f0x8 strng
  f1x0 strng; f1x1 strng; f1x2 strng; f1x3 strng; f1x4 strng; f1x5 strng; f1x6 strng; f1x7 strng; f1x8 strng
  f2x0 strng; f2x1 strng; f2x2 strng; f2x3 strng; f2x4 strng; f2x5 strng; f2x6 strng; f2x7 strng; f2x8 strng
  f3x0 strng; f3x1 strng; f3x2 strng; f3x3 strng; f3x4 strng; f3x5 strng; f3x6 strng; f3x7 strng; f3x8 strng
  f4x0 strng; f4x1 strng; f4x2 strng; f4x3 strng; f4x4 strng; f4x5 strng; f4x6 strng; f4x7 strng; f4x8 strng
  f5x0 strng; f5x1 strng; f5x2 strng; f5x3 strng; f5x4 strng; f5x5 strng; f5x6 strng; f5x7 strng; f5x8 strng
}
