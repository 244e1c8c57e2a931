/// Valid but nasty text in every place a user's string reaches an output: quotes ' " `,
/// backslashes \ \\, comment ends */ and --, ${interpolation}, | pipes |, <b>html</b>,
/// %% Mermaid, "línguas" 日本語 🚀, and a line that ends in a backslash \
schema hostile {
  tenant    Company
  feature   "hostile 'text' */ ${x}"
  timestamp 20260101000000
}

/// An enum */ whose values need quoting: ${x} `y` 'z'
enum Mood { "it's" "say \"hi\"" "a\\b" "*/" "${x}" "`tick`" "a|b" "ação" "🙂" }

/// The tenant */ -- not a comment end; ${not.interpolated}
entity Company global {
  /// Name */ with 'quotes', "doubles", `ticks`, | pipes |, \backslash\ and ${x}
  name  string(255)
}

/// A table whose name and columns are chosen by hand.
entity Note table "Notes \"quoted\" */ ${x}" {
  /// First line.
  /// Second line with */ and -- and ${x} and `code` | pipe.
  body    text = "it's \"quoted\" \\ */ ${x} `t` | ção 🚀"
  title   string(100) = "-- not a comment" column "title \"odd\" `name`"
  mood    Mood = "it's"
  code    string(20)? check(match "^[a-z]+'\"\\|$")
  author  -> Company?
}

/// # not a heading
/// > not a quote
/// - not a list item; 1. nor this; 2) nor this
/// ---
/// [not a link](https://example.com) ![no image](x.png) [^1] &amp; &#42; ~~no strike~~
/// _no emphasis_ **no bold** $a + b$ <br> <script>alert(1)</script>
///     four spaces make no code block
/// ```
/// no fence; a trailing backslash \
entity Markup {
  /// # not a heading
  /// > not a quote | pipe
  /// 1. not a list
  /// [not a link](https://example.com) &lt; _x_ **y** ~z~ $m$ <i>i</i> \
  text     text? = "tab\there\nnew line"
  /// ===
  heading  string(50)?
}
