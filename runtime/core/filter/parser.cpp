#include "core/filter/parser.h"

#include "core/filter/lexer.h"

namespace fastcms::core::filter {

namespace {

const char* parser_kind_text(Token::Kind k) {
  switch (k) {
    case Token::Kind::and_: return "\"&&\"";
    case Token::Kind::or_: return "\"||\"";
    case Token::Kind::lparen: return "\"(\"";
    case Token::Kind::rparen: return "\")\"";
    case Token::Kind::comma: return "\",\"";
    case Token::Kind::end: return "the end of the filter";
    default: return "";
  }
}

std::string token_text(const Token& t) {
  switch (t.kind) {
    case Token::Kind::string: return "the string \"" + t.text + "\"";
    case Token::Kind::number: return "the number " + t.text;
    case Token::Kind::identifier: return "\"" + t.text + "\"";
    case Token::Kind::op: return "the operator \"" + t.text + "\"";
    default: return parser_kind_text(t.kind);
  }
}

CompareOp parser_op(std::string_view text, bool& any) {
  any = !text.empty() && text[0] == '?';
  if (any) text.remove_prefix(1);
  if (text == "=") return CompareOp::eq;
  if (text == "!=") return CompareOp::neq;
  if (text == ">") return CompareOp::gt;
  if (text == ">=") return CompareOp::gte;
  if (text == "<") return CompareOp::lt;
  if (text == "<=") return CompareOp::lte;
  if (text == "~") return CompareOp::like;
  return CompareOp::not_like;
}

class Parser {
 public:
  Parser(std::vector<Token> tokens, const Limits& limits) : t_(std::move(tokens)), limits_(limits) {}

  Result<Expr> run() {
    if (t_.front().kind == Token::Kind::end) return Expr{};
    auto e = parse_or();
    if (!e) return e;
    if (peek().kind != Token::Kind::end) {
      const Token& t = peek();
      if (t.kind == Token::Kind::rparen) return fail(t.position, "unexpected \")\" without a matching \"(\"");
      return fail(t.position, "expected \"&&\" or \"||\" before " + token_text(t));
    }
    return e;
  }

 private:
  std::vector<Token> t_;
  size_t i_ = 0;
  const Limits& limits_;
  size_t comparisons_ = 0;
  size_t depth_ = 0;

  const Token& peek() const { return t_[i_]; }
  const Token& next() { return t_[i_ < t_.size() - 1 ? i_++ : i_]; }
  static Error fail(size_t pos, const std::string& what) { return Error::usage(syntax_error(pos, what)); }

  Result<Expr> parse_or() {
    auto first = parse_and();
    if (!first) return first;
    if (peek().kind != Token::Kind::or_) return first;
    Expr group;
    group.kind = Expr::Kind::any_of;
    group.position = first->position;
    group.children.push_back(std::move(*first));
    while (peek().kind == Token::Kind::or_) {
      next();
      auto e = parse_and();
      if (!e) return e;
      group.children.push_back(std::move(*e));
    }
    return group;
  }

  Result<Expr> parse_and() {
    auto first = parse_primary();
    if (!first) return first;
    if (peek().kind != Token::Kind::and_) return first;
    Expr group;
    group.kind = Expr::Kind::all_of;
    group.position = first->position;
    group.children.push_back(std::move(*first));
    while (peek().kind == Token::Kind::and_) {
      next();
      auto e = parse_primary();
      if (!e) return e;
      group.children.push_back(std::move(*e));
    }
    return group;
  }

  Result<Expr> parse_primary() {
    const Token& t = peek();
    if (t.kind == Token::Kind::lparen) {
      const size_t open = t.position;
      if (++depth_ > limits_.max_depth)
        return fail(open, "parentheses nested too deeply (at most " + std::to_string(limits_.max_depth) + " levels)");
      next();
      if (peek().kind == Token::Kind::rparen) return fail(peek().position, "expected an expression inside \"()\"");
      auto inner = parse_or();
      if (!inner) return inner;
      if (peek().kind != Token::Kind::rparen) {
        const Token& u = peek();
        std::string what = "expected \")\" to close the \"(\" at " + std::to_string(open);
        if (u.kind != Token::Kind::end) what = "expected \"&&\", \"||\" or \")\" before " + token_text(u);
        return fail(u.position, what);
      }
      next();
      --depth_;
      return inner;
    }
    return parse_comparison();
  }

  Result<Expr> parse_comparison() {
    auto left = parse_operand("a field or value");
    if (!left) return left.error();
    const Token& o = peek();
    if (o.kind != Token::Kind::op)
      return fail(o.position, "expected an operator after " + describe(*left) +
                                  (o.kind == Token::Kind::end ? "" : ", found " + token_text(o)));
    const Token op = next();
    auto right = parse_operand("a field or value after \"" + op.text + "\"");
    if (!right) return right.error();
    if (++comparisons_ > limits_.max_expressions)
      return Error::usage("invalid filter: too many expressions (at most " + std::to_string(limits_.max_expressions) +
                          ")");
    Expr e;
    e.kind = Expr::Kind::comparison;
    e.position = left->position;
    e.comparison.left = std::move(*left);
    e.comparison.op = parser_op(op.text, e.comparison.any);
    e.comparison.right = std::move(*right);
    e.comparison.position = op.position;
    return e;
  }

  static std::string describe(const Operand& o) {
    switch (o.kind) {
      case Operand::Kind::string: return "the string \"" + o.text + "\"";
      case Operand::Kind::function: return "\"" + o.text + "(…)\"";
      case Operand::Kind::null: return "\"null\"";
      case Operand::Kind::boolean: return o.boolean ? "\"true\"" : "\"false\"";
      default: return "\"" + o.text + "\"";
    }
  }

  Result<Operand> parse_operand(const std::string& expected) {
    const Token& t = peek();
    Operand o;
    o.position = t.position;
    switch (t.kind) {
      case Token::Kind::string:
        o.kind = Operand::Kind::string;
        o.text = next().text;
        return o;
      case Token::Kind::number:
        o.kind = Operand::Kind::number;
        o.text = next().text;
        return o;
      case Token::Kind::identifier: {
        std::string text = next().text;
        if (peek().kind == Token::Kind::lparen) return parse_function(std::move(text), t.position);
        if (text == "null") {
          o.kind = Operand::Kind::null;
        } else if (text == "true" || text == "false") {
          o.kind = Operand::Kind::boolean;
          o.boolean = text == "true";
        } else {
          o.kind = Operand::Kind::identifier;
        }
        o.text = std::move(text);
        return o;
      }
      default:
        return fail(t.position, "expected " + expected + ", found " + token_text(t));
    }
  }

  Result<Operand> parse_function(std::string name, size_t position) {
    Operand f;
    f.kind = Operand::Kind::function;
    f.position = position;
    size_t min_args = 0, max_args = 0;
    if (name == "geoDistance") {
      min_args = max_args = 4;
    } else if (name == "strftime") {
      min_args = 1;
      max_args = 10;
    } else {
      return fail(position, "unknown function \"" + name + "\" (functions: geoDistance, strftime)");
    }
    next();  // (
    if (peek().kind != Token::Kind::rparen) {
      while (true) {
        auto arg = parse_operand("an argument of " + name);
        if (!arg) return arg.error();
        if (arg->kind == Operand::Kind::function)
          return fail(arg->position, "functions cannot be nested (in the arguments of " + name + ")");
        f.args.push_back(std::move(*arg));
        if (peek().kind == Token::Kind::comma) {
          next();
          continue;
        }
        if (peek().kind == Token::Kind::rparen) break;
        return fail(peek().position, "expected \",\" or \")\" in the arguments of " + name + ", found " +
                                         token_text(peek()));
      }
    }
    next();  // )
    if (f.args.size() < min_args || f.args.size() > max_args) {
      std::string want = min_args == max_args ? std::to_string(min_args)
                                              : std::to_string(min_args) + " to " + std::to_string(max_args);
      return fail(position, name + " expects " + want + " argument" + (max_args == 1 ? "" : "s") + ", got " +
                                std::to_string(f.args.size()));
    }
    f.text = std::move(name);
    return f;
  }
};

}  // namespace

Result<Expr> parse(std::string_view filter, const Limits& limits) {
  if (filter.size() > limits.max_length)
    return Error::usage("invalid filter: too long (" + std::to_string(filter.size()) + " characters; at most " +
                        std::to_string(limits.max_length) + ")");
  auto tokens = tokenize(filter);
  if (!tokens) return tokens.error();
  Parser p(std::move(*tokens), limits);
  return p.run();
}

}  // namespace fastcms::core::filter
