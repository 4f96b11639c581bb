#include "base/text.h"

#include <simdjson.h>

#include <cstdint>

namespace jobsift {
namespace {

// Length of the padding character starting at s[i], or 0.
size_t PadAt(std::string_view s, size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return 1;
  if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) return 2;
  if (c == 0xE3 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
      static_cast<unsigned char>(s[i + 2]) == 0x80)
    return 3;
  return 0;
}

// Length of the padding character ending at s[end-1], or 0.
size_t PadBefore(std::string_view s, size_t end) {
  unsigned char c = static_cast<unsigned char>(s[end - 1]);
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return 1;
  if (c == 0xA0 && end >= 2 && static_cast<unsigned char>(s[end - 2]) == 0xC2) return 2;
  if (c == 0x80 && end >= 3 && static_cast<unsigned char>(s[end - 2]) == 0x80 &&
      static_cast<unsigned char>(s[end - 3]) == 0xE3)
    return 3;
  return 0;
}

}  // namespace

std::string_view TrimCell(std::string_view s) {
  size_t b = 0;
  while (b < s.size()) {
    size_t n = PadAt(s, b);
    if (n == 0) break;
    b += n;
  }
  size_t e = s.size();
  while (e > b) {
    size_t n = PadBefore(s, e);
    if (n == 0) break;
    e -= n;
  }
  return s.substr(b, e - b);
}

bool UnwrapListLiteral(std::string_view s, std::string& out) {
  if (s.size() < 2 || s.front() != '[' || s.back() != ']') return false;
  std::string_view body = TrimCell(s.substr(1, s.size() - 2));
  std::string items;
  size_t i = 0;
  bool first = true;
  while (i < body.size()) {
    char q = body[i];
    if (q != '\'' && q != '"') return false;
    ++i;
    std::string item;
    bool closed = false;
    while (i < body.size()) {
      char c = body[i];
      if (c == '\\' && i + 1 < body.size()) {
        item.push_back(body[i + 1]);
        i += 2;
        continue;
      }
      if (c == q) {
        closed = true;
        ++i;
        break;
      }
      item.push_back(c);
      ++i;
    }
    if (!closed) return false;
    if (!first) items.push_back(',');
    items.append(TrimCell(item));
    first = false;
    while (i < body.size() && (body[i] == ' ')) ++i;
    if (i < body.size()) {
      if (body[i] != ',') return false;
      ++i;
      while (i < body.size() && (body[i] == ' ')) ++i;
    }
  }
  out = std::move(items);
  return true;
}

bool IsValidUtf8(std::string_view s) {
  return simdjson::validate_utf8(s.data(), s.size());
}

size_t AppendRepairedUtf8(std::string_view s, std::string& out) {
  static constexpr char kReplacement[] = "\xEF\xBF\xBD";
  size_t replaced = 0;
  size_t i = 0;
  const size_t n = s.size();
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
      ++i;
      continue;
    }
    size_t len = 0;
    uint32_t cp = 0;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
      cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      cp = c & 0x07;
    }
    bool ok = len > 0 && i + len <= n;
    for (size_t k = 1; ok && k < len; ++k) {
      unsigned char t = static_cast<unsigned char>(s[i + k]);
      if ((t & 0xC0) != 0x80) ok = false;
      cp = (cp << 6) | (t & 0x3F);
    }
    if (ok) {
      // Reject overlong forms, surrogates and values past U+10FFFF.
      if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
          (cp >= 0xD800 && cp <= 0xDFFF))
        ok = false;
    }
    if (ok) {
      out.append(s.substr(i, len));
      i += len;
    } else {
      out.append(kReplacement);
      size_t start = i++;
      // Skip the continuation bytes of this broken sequence.
      while (i < n && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
      replaced += i - start;
    }
  }
  return replaced;
}

void AppendCsvField(std::string_view s, std::string& out) {
  bool quote = false;
  for (char c : s) quote |= c == ',' || c == '"' || c == '\r' || c == '\n';
  if (!quote) {
    out.append(s);
    return;
  }
  out += '"';
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

void AppendTsvEscaped(std::string_view s, std::string& out) {
  static constexpr char kHex[] = "0123456789abcdef";
  for (char ch : s) {
    unsigned char c = static_cast<unsigned char>(ch);
    switch (c) {
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\\': out += "\\\\"; break;
      default:
        if (c < 0x20 || c == 0x7F) {
          out += "\\x";
          out.push_back(kHex[c >> 4]);
          out.push_back(kHex[c & 15]);
        } else {
          out.push_back(ch);
        }
    }
  }
}

void AppendJsonStringOrNull(std::string_view s, std::string& out) {
  if (s.empty()) {
    out += "null";
  } else {
    AppendJsonString(s, out);
  }
}

void AppendJsonString(std::string_view s, std::string& out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  for (char ch : s) {
    unsigned char c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out.push_back(kHex[c >> 4]);
          out.push_back(kHex[c & 15]);
        } else {
          out.push_back(ch);
        }
    }
  }
  out.push_back('"');
}

void AppendHtmlEscaped(std::string_view s, std::string& out) {
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.push_back(c);
    }
  }
}

std::string AsciiLower(std::string_view s) {
  std::string r(s);
  for (char& c : r)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return r;
}

std::string JoinFirst(const std::vector<std::string>& items, std::string_view sep, size_t shown) {
  std::string out;
  for (size_t i = 0; i < items.size() && i < shown; ++i) {
    if (i) out += sep;
    out += items[i];
  }
  return out;
}

std::vector<std::string_view> SplitOn(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (;;) {
    size_t at = s.find(sep, start);
    if (at == std::string_view::npos) {
      parts.push_back(s.substr(start));
      return parts;
    }
    parts.push_back(s.substr(start, at - start));
    start = at + 1;
  }
}

bool StartsWith(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.compare(0, p.size(), p) == 0;
}
bool EndsWith(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.compare(s.size() - p.size(), p.size(), p) == 0;
}

}  // namespace jobsift
