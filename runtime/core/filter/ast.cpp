#include "core/filter/ast.h"

namespace fastcms::core::filter {

const char* to_string(CompareOp op) {
  switch (op) {
    case CompareOp::eq: return "=";
    case CompareOp::neq: return "!=";
    case CompareOp::gt: return ">";
    case CompareOp::gte: return ">=";
    case CompareOp::lt: return "<";
    case CompareOp::lte: return "<=";
    case CompareOp::like: return "~";
    case CompareOp::not_like: return "!~";
  }
  return "?";
}

std::string to_string(const Operand& o) {
  switch (o.kind) {
    case Operand::Kind::string: {
      std::string out = "\"";
      for (char c : o.text) {
        if (c == '"') out += '\\';
        out += c;
      }
      return out + "\"";
    }
    case Operand::Kind::null: return "null";
    case Operand::Kind::boolean: return o.boolean ? "true" : "false";
    case Operand::Kind::function: {
      std::string out = o.text + "(";
      for (size_t i = 0; i < o.args.size(); ++i) out += (i ? ", " : "") + to_string(o.args[i]);
      return out + ")";
    }
    default: return o.text;
  }
}

std::string to_string(const Expr& e) {
  switch (e.kind) {
    case Expr::Kind::empty: return "";
    case Expr::Kind::comparison:
      return to_string(e.comparison.left) + " " + (e.comparison.any ? "?" : "") + to_string(e.comparison.op) + " " +
             to_string(e.comparison.right);
    default: {
      std::string out = "(";
      for (size_t i = 0; i < e.children.size(); ++i) {
        if (i) out += e.kind == Expr::Kind::all_of ? " && " : " || ";
        out += to_string(e.children[i]);
      }
      return out + ")";
    }
  }
}

}  // namespace fastcms::core::filter
