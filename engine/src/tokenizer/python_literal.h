// python_literal.h — internal: decodes the Python str / bytes literals of the World vocab file (spec §6.1).
// A str literal becomes UTF-8 (so '\xa0' is C2 A0); a bytes literal keeps raw bytes (b'\xa0' is A0).
#pragma once

#include <string>
#include <string_view>

namespace rwkv::detail {

/// Decodes `literal` ('…', "…" or b'…'/b"…") into `out`. Returns false and sets `why` (a short
/// description, no file/line) when the text is not a well-formed literal.
bool decode_python_literal(std::string_view literal, std::string& out, std::string& why);

}  // namespace rwkv::detail
