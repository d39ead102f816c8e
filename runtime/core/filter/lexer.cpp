#include "core/filter/lexer.h"

namespace fastcms::core::filter {

namespace {

bool lexer_ident_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '@';
}
bool lexer_ident_part(char c) {
  return lexer_ident_start(c) || (c >= '0' && c <= '9') || c == '.' || c == ':';
}
bool lexer_digit(char c) { return c >= '0' && c <= '9'; }
bool lexer_op_char(char c) { return c == '=' || c == '!' || c == '<' || c == '>' || c == '~' || c == '?'; }

bool lexer_valid_op(std::string_view op) {
  if (!op.empty() && op[0] == '?') op.remove_prefix(1);
  return op == "=" || op == "!=" || op == ">" || op == ">=" || op == "<" || op == "<=" || op == "~" || op == "!~";
}

std::string lexer_char_text(char c) {
  if (static_cast<unsigned char>(c) < 0x20) return "character 0x" + std::string(1, "0123456789abcdef"[(c >> 4) & 0xF]) +
                                                   std::string(1, "0123456789abcdef"[c & 0xF]);
  return "\"" + std::string(1, c) + "\"";
}

}  // namespace

std::string syntax_error(size_t position, const std::string& what) {
  return "invalid filter at " + std::to_string(position) + ": " + what;
}

Result<std::vector<Token>> tokenize(std::string_view s) {
  std::vector<Token> out;
  size_t i = 0;
  const size_t n = s.size();
  auto push = [&](Token::Kind k, std::string text, size_t start) { out.push_back({k, std::move(text), start + 1}); };
  while (i < n) {
    char c = s[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      ++i;
      continue;
    }
    if (c == '/' && i + 1 < n && s[i + 1] == '/') {
      while (i < n && s[i] != '\n') ++i;
      continue;
    }
    const size_t start = i;
    if (c == '"' || c == '\'') {
      std::string value;
      ++i;
      bool closed = false;
      while (i < n) {
        char d = s[i];
        if (d == '\\' && i + 1 < n) {
          if (s[i + 1] == c) {
            value += c;
          } else {
            value += d;
            value += s[i + 1];
          }
          i += 2;
          continue;
        }
        if (d == c) {
          closed = true;
          ++i;
          break;
        }
        value += d;
        ++i;
      }
      if (!closed)
        return Error::usage(syntax_error(start + 1, std::string("unterminated string: expected a closing ") + c));
      push(Token::Kind::string, std::move(value), start);
      continue;
    }
    if (lexer_digit(c) || (c == '-' && i + 1 < n && lexer_digit(s[i + 1]))) {
      if (c == '-') ++i;
      while (i < n && lexer_digit(s[i])) ++i;
      if (i < n && s[i] == '.') {
        ++i;
        if (i >= n || !lexer_digit(s[i]))
          return Error::usage(syntax_error(start + 1, "invalid number \"" + std::string(s.substr(start, i - start)) +
                                                          "\": expected digits after the decimal point"));
        while (i < n && lexer_digit(s[i])) ++i;
      }
      if (i < n && (lexer_ident_part(s[i]))) {
        size_t e = i;
        while (e < n && lexer_ident_part(s[e])) ++e;
        return Error::usage(
            syntax_error(start + 1, "invalid number \"" + std::string(s.substr(start, e - start)) + "\""));
      }
      push(Token::Kind::number, std::string(s.substr(start, i - start)), start);
      continue;
    }
    if (lexer_ident_start(c)) {
      while (i < n && lexer_ident_part(s[i])) ++i;
      push(Token::Kind::identifier, std::string(s.substr(start, i - start)), start);
      continue;
    }
    if (lexer_op_char(c)) {
      while (i < n && lexer_op_char(s[i])) ++i;
      std::string op(s.substr(start, i - start));
      if (!lexer_valid_op(op))
        return Error::usage(syntax_error(
            start + 1, "unknown operator \"" + op + "\" (operators: = != > >= < <= ~ !~, each also with a ? prefix)"));
      push(Token::Kind::op, std::move(op), start);
      continue;
    }
    if (c == '&' || c == '|') {
      if (i + 1 < n && s[i + 1] == c) {
        push(c == '&' ? Token::Kind::and_ : Token::Kind::or_, std::string(2, c), start);
        i += 2;
        continue;
      }
      return Error::usage(syntax_error(start + 1, std::string("unexpected \"") + c + "\" (did you mean \"" + c + c + "\"?)"));
    }
    if (c == '(') { push(Token::Kind::lparen, "(", start); ++i; continue; }
    if (c == ')') { push(Token::Kind::rparen, ")", start); ++i; continue; }
    if (c == ',') { push(Token::Kind::comma, ",", start); ++i; continue; }
    return Error::usage(syntax_error(start + 1, "unexpected " + lexer_char_text(c)));
  }
  out.push_back({Token::Kind::end, "", n + 1});
  return out;
}

}  // namespace fastcms::core::filter
