//! A small streaming JSON writer for the FHIR export: a ten-year log is thousands of
//! resources, and writing them straight into one buffer is many times faster than building a
//! `serde_json::Value` tree first. Keys come out in the order written (FHIR readers like
//! `resourceType` first). Strings are escaped here by RFC 8259; the tests read the output back with serde_json.

use std::fmt::Display;

/// Writes one JSON object's members; created by [`object`] or [`Obj::obj`].
pub struct Obj<'a> {
    out: &'a mut String,
    first: bool,
}

/// Writes one JSON array's items; created by [`Obj::arr`].
pub struct Arr<'a> {
    out: &'a mut String,
    first: bool,
}

/// Appends `text` as a JSON string literal (RFC 8259 escaping).
pub fn push_str(out: &mut String, text: &str) {
    out.push('"');
    if !text.chars().any(|c| c == '"' || c == '\\' || c < ' ') {
        out.push_str(text);
    } else {
        for c in text.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                c if c < ' ' => {
                    use std::fmt::Write as _;
                    let _ = write!(out, "\\u{:04x}", u32::from(c));
                }
                c => out.push(c),
            }
        }
    }
    out.push('"');
}

/// Writes one object into `out` with `body` filling in its members.
pub fn object(out: &mut String, body: impl FnOnce(&mut Obj<'_>)) {
    out.push('{');
    body(&mut Obj { out, first: true });
    out.push('}');
}

impl Obj<'_> {
    fn key(&mut self, key: &str) {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        push_str(self.out, key);
        self.out.push(':');
    }

    /// A string member.
    pub fn str(&mut self, key: &str, value: &str) -> &mut Self {
        self.key(key);
        push_str(self.out, value);
        self
    }

    /// A number or boolean member, written as `Display` gives it.
    pub fn num(&mut self, key: &str, value: impl Display) -> &mut Self {
        use std::fmt::Write as _;
        self.key(key);
        let _ = write!(self.out, "{value}");
        self
    }

    /// An object member.
    pub fn obj(&mut self, key: &str, body: impl FnOnce(&mut Obj<'_>)) -> &mut Self {
        self.key(key);
        object(self.out, body);
        self
    }

    /// An array member.
    pub fn arr(&mut self, key: &str, body: impl FnOnce(&mut Arr<'_>)) -> &mut Self {
        self.key(key);
        self.out.push('[');
        body(&mut Arr {
            out: self.out,
            first: true,
        });
        self.out.push(']');
        self
    }

    /// An array of strings.
    pub fn strs<'s>(&mut self, key: &str, items: impl IntoIterator<Item = &'s str>) -> &mut Self {
        self.arr(key, |a| {
            for s in items {
                a.str(s);
            }
        })
    }
}

impl Arr<'_> {
    fn sep(&mut self) {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
    }

    /// An object item.
    pub fn obj(&mut self, body: impl FnOnce(&mut Obj<'_>)) -> &mut Self {
        self.sep();
        object(self.out, body);
        self
    }

    /// A string item.
    pub fn str(&mut self, value: &str) -> &mut Self {
        self.sep();
        push_str(self.out, value);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_valid_json_in_the_order_given() {
        let mut out = String::new();
        object(&mut out, |o| {
            o.str("resourceType", "Note")
                .str("text", "a \"quote\",\nnew line")
                .num("n", 1.5)
                .num("ok", true);
            o.arr("items", |a| {
                a.obj(|i| {
                    i.str("k", "v");
                });
                a.str("x");
            });
            o.obj("empty", |_| {});
            o.strs("when", ["HS"]);
        });
        assert_eq!(
            out,
            r#"{"resourceType":"Note","text":"a \"quote\",\nnew line","n":1.5,"ok":true,"items":[{"k":"v"},"x"],"empty":{},"when":["HS"]}"#
        );
        let parsed: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(parsed["text"], "a \"quote\",\nnew line");
        let mut odd = String::new();
        let text = "tab\there \\ bell\u{7} é ✓";
        push_str(&mut odd, text);
        assert_eq!(serde_json::from_str::<String>(&odd).unwrap(), text);
    }
}
