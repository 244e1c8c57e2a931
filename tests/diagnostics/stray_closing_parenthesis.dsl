// expect: E0136
)
