#pragma once
#include <string>
#include <string_view>

namespace fastcms::core::codegen {

/// A collection name as a type-name stem: "order_items" → "OrderItems", "_superusers" →
/// "Superusers". Never empty; a stem that would start with a digit gets a "C" prefix.
std::string pascal_case(std::string_view name);

}  // namespace fastcms::core::codegen
