#include "core/filter/field_resolver.h"

#include <algorithm>
#include <charconv>
#include <cstdlib>

#include "common/strings.h"
#include "core/filter/constant_fold.h"
#include "core/filter/datetime_macros.h"

namespace fastcms::core::filter {
using collections::Collection;
using collections::Field;
using nlohmann::json;

namespace {

constexpr char resolver_alias_mark = '\x1e';
constexpr char resolver_param_mark = '\x1f';

const std::vector<std::string>& resolver_modifiers() {
  static const std::vector<std::string> m = {"isset", "changed", "length", "each", "lower"};
  return m;
}

std::string resolver_join_key(const std::string& key, const std::string& name) {
  return key.empty() ? name : key + "." + name;
}

SqlValue resolver_json_value(const json& v) { return db::from_json(v); }

std::string resolver_normalize_header(std::string_view name) {
  std::string out(name);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c == '-') c = '_';
  }
  return out;
}

bool resolver_digits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

FieldResolver::FieldResolver(const Collection& root, const collections::Schema& schema, const RequestInfo& request,
                             const CompileOptions& options)
    : root_(root),
      schema_(schema),
      request_(request),
      options_(options),
      dialect_(options.dialect ? options.dialect : &sqlite_dialect()),
      now_(options.clock ? options.clock() : std::chrono::system_clock::now()) {}

std::string FieldResolver::alias_marker(const std::string& key) {
  return std::string(1, resolver_alias_mark) + key + resolver_alias_mark;
}

std::string FieldResolver::bind(SqlValue value) {
  params_.push_back(std::move(value));
  return std::string(1, resolver_param_mark) + std::to_string(params_.size() - 1) + resolver_param_mark;
}

FieldResolver::Value FieldResolver::constant(SqlValue v) {
  Value out;
  out.sql = bind(v);
  out.constant = std::move(v);
  return out;
}

std::string FieldResolver::fresh_alias(const char* prefix) { return prefix + std::to_string(++alias_counter_); }

void FieldResolver::add_source(const std::string& key, std::string join, bool multi) {
  if (source_index_.count(key)) return;
  source_index_[key] = sources_.size();
  sources_.push_back({key, std::move(join), multi});
}

std::string FieldResolver::elements_source(const std::string& key, const std::string& array_sql) {
  add_source(key, dialect_->left_join_json_elements(array_sql, alias_marker(key)), true);
  return dialect_->json_element(alias_marker(key));
}

std::vector<size_t> FieldResolver::sources_needed(const std::string& sql) const {
  std::set<size_t> needed;
  std::vector<const std::string*> pending{&sql};
  while (!pending.empty()) {
    const std::string& s = *pending.back();
    pending.pop_back();
    size_t pos = 0;
    while ((pos = s.find(resolver_alias_mark, pos)) != std::string::npos) {
      size_t end = s.find(resolver_alias_mark, pos + 1);
      std::string key = s.substr(pos + 1, end - pos - 1);
      pos = end + 1;
      if (key.empty()) continue;
      size_t idx = source_index_.at(key);
      if (needed.insert(idx).second) pending.push_back(&sources_[idx].join);
    }
  }
  return {needed.begin(), needed.end()};  // registration order: parents come first
}

bool FieldResolver::any_multi(const std::vector<size_t>& sources) const {
  return std::any_of(sources.begin(), sources.end(), [&](size_t i) { return sources_[i].multi; });
}

std::string FieldResolver::join_fresh(const std::vector<size_t>& sources, const char* prefix,
                                      std::map<std::string, std::string>& aliases) {
  for (size_t i : sources) aliases[sources_[i].key] = fresh_alias(prefix);
  std::string out;
  for (size_t i : sources) out += substitute(sources_[i].join, aliases);
  return out;
}

std::string FieldResolver::substitute(const std::string& tmpl, const std::map<std::string, std::string>& aliases) const {
  std::string out;
  out.reserve(tmpl.size());
  size_t pos = 0;
  while (true) {
    size_t start = tmpl.find(resolver_alias_mark, pos);
    if (start == std::string::npos) break;
    size_t end = tmpl.find(resolver_alias_mark, start + 1);
    out.append(tmpl, pos, start - pos);
    std::string key = tmpl.substr(start + 1, end - start - 1);
    if (key.empty()) {
      out += root_alias;
    } else if (auto it = aliases.find(key); it != aliases.end()) {
      out += it->second;
    } else {
      out.append(tmpl, start, end - start + 1);  // left for an outer scope
    }
    pos = end + 1;
  }
  out.append(tmpl, pos, std::string::npos);
  return out;
}

std::string FieldResolver::finalize(const std::string& sql, std::vector<SqlValue>& params) const {
  std::string out;
  out.reserve(sql.size());
  std::map<size_t, size_t> numbers;  // marker index → placeholder number
  const size_t first = options_.first_param_number;
  for (size_t i = 0; i < sql.size(); ++i) {
    if (sql[i] != resolver_param_mark) {
      out += sql[i];
      continue;
    }
    size_t end = sql.find(resolver_param_mark, i + 1);
    size_t index = std::strtoull(sql.c_str() + i + 1, nullptr, 10);
    auto [it, added] = numbers.emplace(index, first + params.size());
    if (added) params.push_back(params_.at(index));
    out += dialect_->placeholder(it->second);
    i = end;
  }
  return out;
}

FieldResolver::Value FieldResolver::lowered(Value v) {
  if (v.constant) {
    if (v.constant->is_text()) return constant(ascii_lower(*v.constant->if_text()));
    if (v.constant->is_null()) return v;
    if (v.constant->is_integer()) return constant(std::to_string(*v.constant->if_integer()));
  }
  return column(dialect_->lower(v.sql));
}

Error FieldResolver::unknown_field(const Collection& c, const std::string& name) const {
  std::vector<std::string> names;
  for (const auto& f : c.fields)
    if (!f.hidden || options_.allow_hidden_fields) names.push_back(f.name);
  std::string guess = strings::nearest(name, names);
  return Error::usage("unknown field \"" + name + "\" in collection \"" + c.name + "\"" +
                      (guess.empty() ? "" : " (did you mean \"" + guess + "\"?)"));
}

Result<const Collection*> FieldResolver::relation_target(const Collection& c, const Field& f) const {
  const std::string target = f.relation_target();
  const Collection* t = schema_.find(target);
  if (!t)
    return Error::usage("relation field \"" + f.name + "\" of collection \"" + c.name +
                        "\" points at unknown collection \"" + target + "\"");
  return t;
}

Result<FieldResolver::Value> FieldResolver::resolve(const Operand& o) {
  switch (o.kind) {
    case Operand::Kind::string: return constant(o.text);
    case Operand::Kind::null: return constant(SqlValue());
    case Operand::Kind::boolean: return constant(static_cast<int64_t>(o.boolean ? 1 : 0));
    case Operand::Kind::number: {
      if (o.text.find('.') == std::string::npos) {
        int64_t v = 0;
        auto [p, ec] = std::from_chars(o.text.data(), o.text.data() + o.text.size(), v);
        if (ec == std::errc() && p == o.text.data() + o.text.size()) return constant(v);
      }
      return constant(std::strtod(o.text.c_str(), nullptr));
    }
    case Operand::Kind::function: return resolve_function(o);
    case Operand::Kind::identifier: return resolve_identifier(o.text, o.position);
  }
  return Error::usage("invalid operand");
}

Result<FieldResolver::Value> FieldResolver::resolve_function(const Operand& f) {
  std::vector<std::string> args;
  for (const auto& a : f.args) {
    auto v = resolve(a);
    if (!v) return v;
    args.push_back(v->sql);
  }
  if (f.text == "geoDistance") return column(dialect_->geo_distance(args[0], args[1], args[2], args[3]));
  return column(dialect_->strftime(args));
}

Result<FieldResolver::Value> FieldResolver::resolve_identifier(const std::string& text, size_t position) {
  (void)position;
  Path p;
  p.text = text;
  for (const auto& part : strings::split_trimmed(text, '.')) p.segments.push_back(part);
  if (p.segments.empty() || text.front() == '.' || text.back() == '.' || text.find("..") != std::string::npos)
    return Error::usage("invalid field path \"" + text + "\"");
  const bool is_collection = p.segments[0] == "@collection";
  for (size_t i = 0; i < p.segments.size(); ++i) {
    std::string& seg = p.segments[i];
    const size_t colon = seg.find(':');
    if (colon == std::string::npos) continue;
    if (is_collection && i == 1) {
      if (seg.find(':', colon + 1) != std::string::npos || colon + 1 == seg.size() || colon == 0)
        return Error::usage("invalid collection alias in \"" + text + "\" (expected @collection.name:alias.field)");
      continue;
    }
    if (i + 1 != p.segments.size())
      return Error::usage("a modifier must come at the end of the field path (in \"" + text + "\")");
    std::string modifier = seg.substr(colon + 1);
    seg.resize(colon);
    if (seg.empty()) return Error::usage("invalid field path \"" + text + "\"");
    const auto& known = resolver_modifiers();
    if (std::find(known.begin(), known.end(), modifier) == known.end()) {
      std::string guess = strings::nearest(modifier, known);
      return Error::usage("unknown modifier \":" + modifier + "\" in \"" + text + "\"" +
                          (guess.empty() ? "" : " (did you mean \":" + guess + "\"?)") +
                          " (modifiers: :isset, :changed, :length, :each, :lower)");
    }
    p.modifier = std::move(modifier);
  }
  const std::string& head = p.segments[0];
  const bool is_request = head == "@request";
  if (p.modifier == "isset" && !is_request)
    return Error::usage("the :isset modifier works only on @request.* fields (in \"" + text + "\")");
  if (p.modifier == "changed" && !(is_request && p.segments.size() > 1 && p.segments[1] == "body"))
    return Error::usage("the :changed modifier works only on @request.body.* fields (in \"" + text + "\")");

  if (head[0] != '@') return walk(&root_, "", p, 0, 0);
  if (is_request) return resolve_request(p);
  if (is_collection) return resolve_collection(p);
  if (auto m = datetime_macro(head, now_)) {
    if (p.segments.size() > 1 || !p.modifier.empty())
      return Error::usage("the macro " + head + " takes no field path or modifier (in \"" + text + "\")");
    return constant(*m);
  }
  std::vector<std::string> candidates = datetime_macro_names();
  candidates.push_back("@request");
  candidates.push_back("@collection");
  std::string guess = strings::nearest(head, candidates);
  return Error::usage("unknown identifier \"" + head + "\"" + (guess.empty() ? "" : " (did you mean \"" + guess + "\"?)") +
                      "; expected a field, @request.*, @collection.* or a datetime macro such as @now");
}

Result<FieldResolver::Value> FieldResolver::walk(const Collection* c, std::string key, const Path& p, size_t i,
                                                 size_t hops) {
  for (; i < p.segments.size(); ++i) {
    const std::string& name = p.segments[i];
    const bool last = i + 1 == p.segments.size();
    const Field* f = c->field(name);
    if (!f) {
      const size_t via = name.rfind("_via_");
      if (via == std::string::npos || via == 0 || via + 5 >= name.size()) return unknown_field(*c, name);
      const std::string coll_name = name.substr(0, via), field_name = name.substr(via + 5);
      const Collection* target = schema_.find(coll_name);
      if (!target) {
        std::string guess = strings::nearest(coll_name, schema_.names());
        return Error::usage("unknown collection \"" + coll_name + "\" in back-relation \"" + name + "\"" +
                            (guess.empty() ? "" : " (did you mean \"" + guess + "\"?)"));
      }
      const Field* rf = target->field(field_name);
      if (!rf || rf->type != "relation")
        return Error::usage("\"" + field_name + "\" is not a relation field of collection \"" + target->name +
                            "\" (in back-relation \"" + name + "\")");
      if (rf->relation_target() != c->name && rf->relation_target() != c->id)
        return Error::usage("relation field \"" + field_name + "\" of collection \"" + target->name +
                            "\" does not point at \"" + c->name + "\" (in back-relation \"" + name + "\")");
      if (rf->hidden && !options_.allow_hidden_fields)
        return Error::usage("field \"" + rf->name + "\" of collection \"" + target->name + "\" is hidden");
      if (++hops > options_.max_relation_depth)
        return Error::usage("\"" + p.text + "\" follows more than " + std::to_string(options_.max_relation_depth) +
                            " relations");
      const std::string parent_id = alias_marker(key) + "." + dialect_->quote("id");
      if (last && p.modifier == "length") {
        const std::string a = fresh_alias("c");
        const std::string rel = a + "." + dialect_->quote(rf->name);
        const std::string cond = rf->is_multi() ? dialect_->json_array_contains(rel, parent_id, fresh_alias("e"))
                                                : rel + " = " + parent_id;
        return column("(SELECT COUNT(*) FROM " + dialect_->quote(target->name) + " AS " + a + " WHERE " + cond + ")");
      }
      const std::string bkey = resolver_join_key(key, name);
      const std::string self = alias_marker(bkey);
      const std::string rel = self + "." + dialect_->quote(rf->name);
      const std::string on = rf->is_multi() ? dialect_->json_array_contains(rel, parent_id, fresh_alias("e"))
                                            : rel + " = " + parent_id;
      add_source(bkey, " LEFT JOIN " + dialect_->quote(target->name) + " AS " + self + " ON " + on, true);
      c = target;
      key = bkey;
      if (last) {
        if (p.modifier == "each") return Error::usage("the :each modifier does not apply to back-relation \"" + name + "\"");
        std::string sql = self + "." + dialect_->quote("id");
        return column(p.modifier == "lower" ? dialect_->lower(sql) : sql);
      }
      continue;
    }
    if (f->hidden && !options_.allow_hidden_fields)
      return Error::usage("field \"" + f->name + "\" of collection \"" + c->name + "\" is hidden");
    const std::string col = alias_marker(key) + "." + dialect_->quote(f->name);
    if (last) return leaf(*f, col, key, p);
    if (f->type == "relation") {
      auto target = relation_target(*c, *f);
      if (!target) return target.error();
      if (++hops > options_.max_relation_depth)
        return Error::usage("\"" + p.text + "\" follows more than " + std::to_string(options_.max_relation_depth) +
                            " relations");
      const std::string rkey = resolver_join_key(key, f->name);
      std::string id_sql = f->is_multi() ? elements_source(rkey + "#each", col) : col;
      const std::string self = alias_marker(rkey);
      add_source(rkey,
                 " LEFT JOIN " + dialect_->quote((*target)->name) + " AS " + self + " ON " + self + "." +
                     dialect_->quote("id") + " = " + id_sql,
                 false);
      c = *target;
      key = rkey;
      continue;
    }
    if (f->type == "json" || f->type == "geoPoint") {
      std::vector<std::string> rest(p.segments.begin() + static_cast<long>(i) + 1, p.segments.end());
      if (f->type == "geoPoint" && (rest.size() != 1 || (rest[0] != "lon" && rest[0] != "lat")))
        return Error::usage("geoPoint field \"" + f->name + "\" has only the subfields lon and lat (in \"" + p.text +
                            "\")");
      std::string sql = dialect_->json_extract(col, rest);
      if (p.modifier == "each")
        return Error::usage("the :each modifier works only on select, file and relation fields (in \"" + p.text + "\")");
      if (p.modifier == "length") sql = dialect_->json_array_length(sql);
      if (p.modifier == "lower") sql = dialect_->lower(sql);
      return column(sql);
    }
    return Error::usage("\"" + f->name + "\" is a " + f->type + " field of collection \"" + c->name +
                        "\"; only relation, json and geoPoint fields have subfields (in \"" + p.text + "\")");
  }
  return Error::usage("invalid field path \"" + p.text + "\"");
}

Result<FieldResolver::Value> FieldResolver::leaf(const Field& f, const std::string& col, const std::string& key,
                                                 const Path& p) {
  const std::string& m = p.modifier;
  if (m == "length") {
    if (f.is_multi_capable() || f.type == "json") return column(dialect_->json_array_length(col));
    return Error::usage("the :length modifier works only on select, file, relation and json fields (in \"" + p.text +
                        "\")");
  }
  if (m == "each" && !f.is_multi_capable())
    return Error::usage("the :each modifier works only on select, file and relation fields (in \"" + p.text + "\")");
  std::string sql = f.is_multi() ? elements_source(resolver_join_key(key, f.name) + "#each", col) : col;
  if (m == "lower") sql = dialect_->lower(sql);
  Value out = column(sql);
  out.never_empty = key.empty() && f.name == "id" && m.empty();
  return out;
}

Result<FieldResolver::Value> FieldResolver::resolve_collection(const Path& p) {
  if (p.segments.size() < 2)
    return Error::usage("expected a collection after \"@collection\" (as in @collection.name.field)");
  const std::string& spec = p.segments[1];
  const size_t colon = spec.find(':');
  const std::string name = spec.substr(0, colon);
  const std::string alias = colon == std::string::npos ? name : spec.substr(colon + 1);
  const Collection* c = schema_.find(name);
  if (!c) {
    std::string guess = strings::nearest(name, schema_.names());
    return Error::usage("unknown collection \"" + name + "\" in \"" + p.text + "\"" +
                        (guess.empty() ? "" : " (did you mean \"" + guess + "\"?)"));
  }
  if (auto it = collection_aliases_.find(alias); it != collection_aliases_.end() && it->second != c->name)
    return Error::usage("the @collection alias \"" + alias + "\" is used for both \"" + it->second + "\" and \"" +
                        c->name + "\"; give each a different alias");
  collection_aliases_[alias] = c->name;
  if (p.segments.size() < 3)
    return Error::usage("expected a field after \"@collection." + spec + "\" (as in @collection." + spec + ".id)");
  const std::string key = "@collection:" + alias;
  add_source(key, " LEFT JOIN " + dialect_->quote(c->name) + " AS " + alias_marker(key) + " ON 1=1", true);
  return walk(c, key, p, 2, 0);
}

Result<FieldResolver::Value> FieldResolver::resolve_request(const Path& p) {
  const auto& s = p.segments;
  const std::string& m = p.modifier;
  auto expect_size = [&](size_t n, const char* form) -> Status {
    if (s.size() != n) return Error::usage("invalid \"" + p.text + "\" (expected " + form + ")");
    return Ok{};
  };
  const std::string what = s.size() > 1 ? s[1] : "";
  if (what == "context" || what == "method") {
    if (auto st = expect_size(2, what == "context" ? "@request.context" : "@request.method"); !st) return st.error();
    if (m == "isset") return constant(int64_t{1});
    if (m == "length" || m == "each")
      return Error::usage("the :" + m + " modifier does not apply to \"" + p.text + "\"");
    Value v = constant(what == "context" ? request_.context : request_.method);
    return m == "lower" ? lowered(std::move(v)) : v;
  }
  if (what == "headers" || what == "query") {
    if (auto st = expect_size(3, what == "headers" ? "@request.headers.name" : "@request.query.name"); !st)
      return st.error();
    std::optional<std::string> found;
    if (what == "headers") {
      const std::string want = resolver_normalize_header(s[2]);
      for (const auto& [k, v] : request_.headers)
        if (resolver_normalize_header(k) == want) found = v;
    } else if (auto it = request_.query.find(s[2]); it != request_.query.end()) {
      found = it->second;
    }
    if (m == "isset") return constant(int64_t{found ? 1 : 0});
    if (m == "length" || m == "each")
      return Error::usage("the :" + m + " modifier does not apply to \"" + p.text + "\"");
    Value v = found ? constant(*found) : constant(SqlValue());
    return m == "lower" ? lowered(std::move(v)) : v;
  }
  if (what == "auth") {
    if (s.size() < 3) return Error::usage("expected a field after \"@request.auth\" (as in @request.auth.id)");
    const std::string& name = s[2];
    const json& auth = request_.auth;
    if (!auth.is_object()) {
      if (m == "isset" || m == "length") return constant(int64_t{0});
      return constant(SqlValue());
    }
    const Collection* ac = request_.auth_collection;
    json v = nullptr;
    bool present = false;
    if (name == "password" || name == "tokenKey") {
      // never exposed to rules
    } else if (auth.contains(name)) {
      v = auth[name];
      present = true;
    } else if (ac && name == "collectionId") {
      v = ac->id;
      present = true;
    } else if (ac && name == "collectionName") {
      v = ac->name;
      present = true;
    }
    if (m == "isset") {
      if (s.size() != 3) return Error::usage("use :isset on the field itself (in \"" + p.text + "\")");
      return constant(int64_t{present ? 1 : 0});
    }
    const Field* f = ac ? ac->field(name) : nullptr;
    return constant_value(v, f, "@request.auth." + name, ac, p, 2);
  }
  if (what == "body") {
    if (s.size() < 3) return Error::usage("expected a field after \"@request.body\" (as in @request.body.title)");
    const std::string& name = s[2];
    const Field* f = root_.field(name);
    if (!f && !(root_.is_auth() && (name == "passwordConfirm" || name == "oldPassword")))
      return unknown_field(root_, name);
    const bool present = request_.body.is_object() && request_.body.contains(name);
    const json v = present ? request_.body[name] : json(nullptr);
    if (m == "isset") {
      if (s.size() != 3) return Error::usage("use :isset on the field itself (in \"" + p.text + "\")");
      return constant(int64_t{present ? 1 : 0});
    }
    if (m == "changed") {
      if (s.size() != 3 || !f) return Error::usage("use :changed on a field of the collection (in \"" + p.text + "\")");
      return changed_value(*f, present, v, p);
    }
    return constant_value(v, f, "@request.body." + name, &root_, p, 2);
  }
  std::string guess = strings::nearest(what, {"context", "method", "headers", "query", "auth", "body"});
  if (what == "data") guess = "body";
  return Error::usage("unknown \"" + p.text + "\"" + (guess.empty() ? "" : " (did you mean \"@request." + guess + "\"?)") +
                      "; expected @request.context, @request.method, @request.headers.*, @request.query.*, "
                      "@request.auth.* or @request.body.*");
}

Result<FieldResolver::Value> FieldResolver::constant_value(const json& value, const Field* f, const std::string& key,
                                                           const Collection* owner, const Path& p, size_t i) {
  const std::string& m = p.modifier;
  json v = value;
  if (i + 1 < p.segments.size()) {
    if (f && f->type == "relation" && owner) {
      auto target = relation_target(*owner, *f);
      if (!target) return target.error();
      std::string id_sql;
      if (v.is_array()) {
        id_sql = elements_source(key + "#each", bind(v.dump()));
      } else {
        id_sql = bind(v.is_string() || v.is_null() ? resolver_json_value(v) : SqlValue(v.dump()));
      }
      const std::string self = alias_marker(key);
      add_source(key,
                 " LEFT JOIN " + dialect_->quote((*target)->name) + " AS " + self + " ON " + self + "." +
                     dialect_->quote("id") + " = " + id_sql,
                 false);
      return walk(*target, key, p, i + 1, 1);
    }
    if (f && f->type != "json" && f->type != "geoPoint")
      return Error::usage("\"" + f->name + "\" is a " + f->type +
                          " field; only relation, json and geoPoint fields have subfields (in \"" + p.text + "\")");
    if (f && f->type == "geoPoint" &&
        (i + 2 != p.segments.size() || (p.segments[i + 1] != "lon" && p.segments[i + 1] != "lat")))
      return Error::usage("geoPoint field \"" + f->name + "\" has only the subfields lon and lat (in \"" + p.text +
                          "\")");
    for (size_t j = i + 1; j < p.segments.size(); ++j) {
      const std::string& seg = p.segments[j];
      if (v.is_object() && v.contains(seg)) {
        v = json(v[seg]);
      } else if (v.is_array() && resolver_digits(seg) && std::stoull(seg) < v.size()) {
        v = json(v[std::stoull(seg)]);
      } else {
        v = nullptr;
        break;
      }
    }
    f = nullptr;
  }
  if (m == "length") {
    if (v.is_array()) return constant(static_cast<int64_t>(v.size()));
    return constant(int64_t{v.is_null() || (v.is_string() && v.get<std::string>().empty()) ? 0 : 1});
  }
  if (v.is_array()) {
    std::string sql = elements_source(key + "#each", bind(v.dump()));
    return column(m == "lower" ? dialect_->lower(sql) : sql);
  }
  Value out = constant(resolver_json_value(v));
  return m == "lower" ? lowered(std::move(out)) : out;
}

Result<FieldResolver::Value> FieldResolver::changed_value(const Field& f, bool present, const json& v, const Path& p) {
  (void)p;
  if (!present) return constant(int64_t{0});
  const std::string col = alias_marker("") + "." + dialect_->quote(f.name);
  std::string sql;
  if (f.is_multi()) {
    json arr = v.is_array() ? v
               : (v.is_null() || (v.is_string() && v.get<std::string>().empty())) ? json::array()
                                                                                   : json::array({v});
    sql = "(" + dialect_->json_canonical(col) + " != " + bind(arr.dump()) + ")";
  } else {
    sql = "(" + dialect_->coalesce_empty(col) + " != " + dialect_->coalesce_empty(bind(resolver_json_value(v))) + ")";
  }
  Value out = column(sql);
  out.condition = true;
  return out;
}

}  // namespace fastcms::core::filter
