//! What the admin types in the search box, made into an FTS5 query that cannot break.
//!
//! FTS5 has its own query language (`OR`, `NEAR(...)`, `"`, `*`, `-`, `^`, column filters).
//! None of it is offered to the admin: the text is cut into words the way the index's
//! tokenizer cuts them, each word is quoted (so it is only ever a string) and made a
//! prefix, and the words are ANDed. "ali smi" finds Alice Smith.

/// A search the index can run, or the knowledge that nothing can match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SearchText {
    /// No text: every account matches.
    Everything,
    /// Text with nothing searchable in it (only punctuation or symbols): nothing matches.
    Nothing,
    /// One FTS5 MATCH expression per word, each safe to bind as a parameter: an account
    /// matches when it matches every one.
    Match(Vec<String>),
}

/// The longest input honoured; a pasted essay is cut, not sent whole to the index.
const MAX_WORDS: usize = 16;

impl SearchText {
    pub fn parse(input: &str) -> Self {
        if input.trim().is_empty() {
            return Self::Everything;
        }
        let words: Vec<String> = input
            .split(|c: char| !c.is_alphanumeric())
            .filter(|word| !word.is_empty())
            .take(MAX_WORDS)
            .map(|word| format!("\"{}\"*", word.replace('"', "\"\"")))
            .collect();
        if words.is_empty() {
            Self::Nothing
        } else {
            Self::Match(words)
        }
    }
}

/// The one MATCH expression that asks for every word at once.
pub(super) fn all_of(words: &[String]) -> String {
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expr(input: &str) -> String {
        match SearchText::parse(input) {
            SearchText::Match(words) => all_of(&words),
            other => panic!("{input:?} gave {other:?}"),
        }
    }

    #[test]
    fn blank_input_matches_everything() {
        assert_eq!(SearchText::parse(""), SearchText::Everything);
        assert_eq!(SearchText::parse("  \t "), SearchText::Everything);
    }

    #[test]
    fn words_become_quoted_prefixes() {
        assert_eq!(expr("ali"), r#""ali"*"#);
        assert_eq!(expr("ali smi"), r#""ali"* "smi"*"#);
        assert_eq!(expr("alice.smith@exa"), r#""alice"* "smith"* "exa"*"#);
    }

    #[test]
    fn query_syntax_is_only_ever_text() {
        assert_eq!(expr("a OR b"), r#""a"* "OR"* "b"*"#);
        assert_eq!(expr("NEAR(a b)"), r#""NEAR"* "a"* "b"*"#);
        assert_eq!(expr("-x ^y name:z"), r#""x"* "y"* "name"* "z"*"#);
        assert_eq!(expr("\"unterminated"), r#""unterminated"*"#);
        assert_eq!(expr("a*"), r#""a"*"#);
    }

    #[test]
    fn symbols_alone_match_nothing() {
        assert_eq!(SearchText::parse("\"*-()"), SearchText::Nothing);
        assert_eq!(SearchText::parse("🙂"), SearchText::Nothing);
    }

    #[test]
    fn letters_of_every_script_are_words() {
        assert_eq!(expr("José"), r#""José"*"#);
        assert_eq!(expr("Ελένη"), r#""Ελένη"*"#);
        assert_eq!(expr("山田 太郎"), r#""山田"* "太郎"*"#);
        assert_eq!(expr("🙂 bob"), r#""bob"*"#);
    }

    #[test]
    fn very_long_input_is_cut() {
        let input = "word ".repeat(1000);
        assert_eq!(expr(&input).matches('*').count(), MAX_WORDS);
    }
}
