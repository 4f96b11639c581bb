#include "text/normalize.h"

#include <opencc/opencc.h>

#include <strings.h>

#include <emmintrin.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>

namespace jobsift {
namespace {

bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Bytes copied as they are: printable ASCII other than markup and space
// (and, when folding case, letters), continuation bytes, and lead bytes of
// characters normalisation never changes (it changes only characters that
// start with C2, E3 or EF).
bool IsPlain(unsigned char c, bool fold_case) {
  static const auto kTable = [] {
    std::array<std::array<bool, 256>, 2> t{};
    for (int fold = 0; fold < 2; ++fold) {
      for (int b = 0; b < 256; ++b) {
        bool plain;
        if (b < 0x80) {
          plain = b > 0x20 && b < 0x7F && b != '<' && b != '&' && !(fold && b >= 'A' && b <= 'Z');
        } else {
          plain = b != 0xC2 && b != 0xE3 && b != 0xEF;
        }
        t[fold][b] = plain;
      }
    }
    return t;
  }();
  return kTable[fold_case][c];
}

#if defined(__SSE2__)
// The bytes of the 16 at `p` that are not plain, as a bit mask, when not
// folding case (the common path). It also looks at the bytes after C2, E3
// and EF, and passes over the characters those lead that normalisation
// keeps (、。「」【】 and the rest of CJK punctuation under E3, which Chinese
// text has every few characters): only NBSP (C2 A0), U+3000 (E3 80 80) and
// EF BC / EF BD (full-width ASCII, checked exactly by the caller) stop it.
// Reads 18 bytes.
struct StopMask {
  static __m128i Set(unsigned char c) { return _mm_set1_epi8(static_cast<char>(c)); }
  const __m128i lt = Set('<'), amp = Set('&'), del = Set(0x7F), space = Set(0x20), c2 = Set(0xC2), a0 = Set(0xA0),
                e3 = Set(0xE3), x80 = Set(0x80), ef = Set(0xEF), bc = Set(0xBC), bd = Set(0xBD);
  unsigned operator()(const char* p, __m128i* block) const {
    __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    __m128i x1 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 1));
    __m128i x2 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 2));
    __m128i low = _mm_cmpeq_epi8(_mm_min_epu8(x, space), x);  // x <= 0x20
    __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, lt), _mm_cmpeq_epi8(x, amp)),
                               _mm_or_si128(_mm_cmpeq_epi8(x, del), low));
    __m128i nbsp = _mm_and_si128(_mm_cmpeq_epi8(x, c2), _mm_cmpeq_epi8(x1, a0));
    __m128i ideographic_space =
        _mm_and_si128(_mm_cmpeq_epi8(x, e3), _mm_and_si128(_mm_cmpeq_epi8(x1, x80), _mm_cmpeq_epi8(x2, x80)));
    __m128i full_width =
        _mm_and_si128(_mm_cmpeq_epi8(x, ef), _mm_or_si128(_mm_cmpeq_epi8(x1, bc), _mm_cmpeq_epi8(x1, bd)));
    hit = _mm_or_si128(hit, _mm_or_si128(nbsp, _mm_or_si128(ideographic_space, full_width)));
    *block = x;
    return static_cast<unsigned>(_mm_movemask_epi8(hit));
  }
};
#endif

// The first byte at or after `i` that is not plain, byte by byte.
size_t SkipPlain(std::string_view s, size_t i, bool fold_case) {
  while (i < s.size() && IsPlain(static_cast<unsigned char>(s[i]), fold_case)) ++i;
  return i;
}

// A tag name of up to eight letters and digits, lower-cased, as one number:
// compared without a byte array (whose byte-wise stores then a word-wide
// load stalled the comparisons).
constexpr uint64_t TagKey(std::string_view name) {
  uint64_t key = 0;
  for (size_t i = 0; i < name.size(); ++i) key |= uint64_t{static_cast<unsigned char>(name[i])} << (8 * i);
  return key;
}

// Tags that separate blocks of text.
[[gnu::always_inline]] inline bool IsBreakTag(uint64_t key) {
  switch (key) {
    case TagKey("p"): case TagKey("br"): case TagKey("li"): case TagKey("tr"): case TagKey("ol"):
    case TagKey("ul"): case TagKey("dt"): case TagKey("dd"): case TagKey("hr"): case TagKey("div"):
    case TagKey("table"): case TagKey("section"): case TagKey("h1"): case TagKey("h2"): case TagKey("h3"):
    case TagKey("h4"): case TagKey("h5"): case TagKey("h6"):
      return true;
    default:
      return false;
  }
}

// Decodes the entity at s[i] == '&'. Returns its length (0: not an entity).
size_t DecodeEntity(std::string_view s, size_t i, uint32_t* cp) {
  size_t semi = s.find(';', i + 1);
  if (semi == std::string_view::npos || semi - i > 10) return 0;
  std::string_view name = s.substr(i + 1, semi - i - 1);
  if (name.size() >= 2 && name[0] == '#') {
    uint32_t v = 0;
    bool hex = name[1] == 'x' || name[1] == 'X';
    size_t k = hex ? 2 : 1;
    if (k >= name.size()) return 0;
    for (; k < name.size(); ++k) {
      char c = name[k];
      int d;
      if (c >= '0' && c <= '9') d = c - '0';
      else if (hex && c >= 'a' && c <= 'f') d = c - 'a' + 10;
      else if (hex && c >= 'A' && c <= 'F') d = c - 'A' + 10;
      else return 0;
      v = v * (hex ? 16 : 10) + static_cast<uint32_t>(d);
      if (v > 0x10FFFF) return 0;
    }
    if (v == 0 || (v >= 0xD800 && v <= 0xDFFF)) return 0;
    *cp = v;
    return semi - i + 1;
  }
  struct Named {
    std::string_view name;
    uint32_t cp;
  };
  static constexpr Named kNamed[] = {{"amp", '&'},     {"lt", '<'},       {"gt", '>'},       {"quot", '"'},
                                     {"apos", '\''},   {"nbsp", 0xA0},    {"middot", 0xB7},  {"ldquo", 0x201C},
                                     {"rdquo", 0x201D}, {"lsquo", 0x2018}, {"rsquo", 0x2019}, {"mdash", 0x2014},
                                     {"ndash", 0x2013}, {"hellip", 0x2026}, {"times", 0xD7},  {"bull", 0x2022}};
  for (const auto& n : kNamed) {
    if (name == n.name) {
      *cp = n.cp;
      return semi - i + 1;
    }
  }
  return 0;
}

// Writes the output through a raw pointer into storage sized up front:
// normalisation never lengthens text (entities, full-width forms, NBSP and
// tags all shrink or vanish), so `raw.size() + 1` bytes always suffice.
// Spaces and line breaks are held back and folded.
class Writer {
 public:
  Writer(std::string& out, size_t max_bytes, bool fold_case)
      : out_(out), base_(out.size()), fold_case_(fold_case) {
    out_.resize(base_ + max_bytes + 1);
    w_ = out_.data() + base_;
    start_ = w_;
  }
  ~Writer() { out_.resize(static_cast<size_t>(w_ - out_.data())); }
  void Space() { pending_space_ = !AtLineStart(); }
  void Break() {
    pending_space_ = false;
    if (!AtLineStart()) pending_break_ = true;
  }
  void Bytes(const char* p, size_t n) {
    Flush();
    std::memcpy(w_, p, n);
    w_ += n;
  }
#if defined(__SSE2__)
  // Writes the first `used` bytes of `block`. It stores all 16: there is
  // room, because the output never outgrows the input read, and the caller
  // has 16 more input bytes.
  void Block(__m128i block, size_t used) {
    Flush();
    _mm_storeu_si128(reinterpret_cast<__m128i*>(w_), block);
    w_ += used;
  }
#endif
  void Char(char c) {
    Flush();
    if (fold_case_ && c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    *w_++ = c;
  }
  void CodePoint(uint32_t cp) {
    if (cp == 0xA0 || cp == 0x3000 || cp == ' ' || cp == '\t') return Space();
    if (cp == '\n' || cp == '\r') return Break();
    if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFEE0;  // full-width ASCII
    if (cp < 0x80) return Char(static_cast<char>(cp));
    Flush();
    char buf[4];
    size_t k = 0;
    if (cp < 0x800) {
      buf[k++] = static_cast<char>(0xC0 | (cp >> 6));
    } else if (cp < 0x10000) {
      buf[k++] = static_cast<char>(0xE0 | (cp >> 12));
      buf[k++] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    } else {
      buf[k++] = static_cast<char>(0xF0 | (cp >> 18));
      buf[k++] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      buf[k++] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    }
    buf[k++] = static_cast<char>(0x80 | (cp & 0x3F));
    // A decoded entity may be longer than its UTF-8 form only for
    // code points above U+FFFF written in fewer than four bytes, which
    // no entity can be; the space reserved always holds it.
    std::memcpy(w_, buf, k);
    w_ += k;
  }

 private:
  bool AtLineStart() const { return w_ == start_ || w_[-1] == '\n'; }
  void Flush() {
    if (pending_break_) {
      *w_++ = '\n';
    } else if (pending_space_) {
      *w_++ = ' ';
    }
    pending_break_ = pending_space_ = false;
  }
  std::string& out_;
  size_t base_;
  bool fold_case_;
  char* w_;
  char* start_;
  bool pending_space_ = false;
  bool pending_break_ = false;
};

// Writes what the byte at s[i] (one that is not plain) and those after it
// that belong with it become: a tag, an entity, whitespace, a full-width
// form or a character kept as it is. Returns the index after them.
[[gnu::always_inline]] inline size_t Step(std::string_view s, size_t i, Writer& sink) {
  const size_t n = s.size();
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c == '<' && i + 1 < n && (IsAsciiAlpha(s[i + 1]) || s[i + 1] == '/' || s[i + 1] == '!')) {
    // Its '>' within 2048 bytes (tags are short: a loop, not a call).
    size_t close = i + 1;
    const size_t limit = std::min(n, i + 2049);
    while (close < limit && s[close] != '>') ++close;
    if (close < limit) {
      // The tag's name, lower-cased, as a TagKey; 0 for a name longer than
      // eight (no tag this looks for).
      size_t k = i + 1 + (s[i + 1] == '/');
      uint64_t tag = 0;
      size_t len = 0;
      for (; k < close; ++k, ++len) {
        unsigned char ch = static_cast<unsigned char>(s[k]);
        unsigned char lower = ch | 0x20;
        bool letter = static_cast<unsigned char>(lower - 'a') < 26;
        if (!letter && static_cast<unsigned char>(ch - '0') >= 10) break;
        if (len < 8) tag |= uint64_t{letter ? lower : ch} << (8 * len);
      }
      if (len > 8) tag = 0;
      bool closing = s[i + 1] == '/';
      if (!closing && (tag == TagKey("script") || tag == TagKey("style"))) {
        std::string end = tag == TagKey("script") ? "</script" : "</style";
        size_t e = close;
        for (; e < n; ++e) {
          if (s[e] == '<' && e + end.size() <= n && strncasecmp(s.data() + e, end.data(), end.size()) == 0) break;
        }
        size_t gt = e < n ? s.find('>', e) : std::string_view::npos;
        sink.Space();
        return gt == std::string_view::npos ? n : gt + 1;
      }
      if (IsBreakTag(tag)) {
        sink.Break();
      } else {
        sink.Space();
      }
      return close + 1;
    }
  }
  if (c == '&') {
    uint32_t cp;
    size_t len = DecodeEntity(s, i, &cp);
    if (len > 0) {
      sink.CodePoint(cp);
      return i + len;
    }
  }
  if (c < 0x80) {
    if (c == ' ' || c == '\t' || c == '\f' || c == '\v') {
      sink.Space();
    } else if (c == '\n' || c == '\r') {
      sink.Break();
    } else {
      sink.Char(static_cast<char>(c));
    }
    return i + 1;
  }
  // C2, E3 or EF lead bytes: NBSP, U+3000 and full-width ASCII change.
  if (c == 0xC2 && i + 1 < n && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
    sink.Space();
    return i + 2;
  }
  if (c == 0xE3 && i + 2 < n && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
      static_cast<unsigned char>(s[i + 2]) == 0x80) {
    sink.Space();
    return i + 3;
  }
  if (c == 0xEF && i + 2 < n) {
    unsigned char c1 = static_cast<unsigned char>(s[i + 1]);
    unsigned char c2 = static_cast<unsigned char>(s[i + 2]);
    uint32_t cp = ((c & 0x0Fu) << 12) | ((c1 & 0x3Fu) << 6) | (c2 & 0x3Fu);
    if ((c1 & 0xC0) == 0x80 && (c2 & 0xC0) == 0x80 && cp >= 0xFF01 && cp <= 0xFF5E) {
      sink.CodePoint(cp);
      return i + 3;
    }
  }
  // A character kept as it is: its lead byte and the continuation bytes
  // that follow (in broken UTF-8, fewer than the lead byte promises; what
  // follows them is read on its own, as the vector loop reads it).
  const size_t want = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
  size_t len = 1;
  while (len < want && i + len < n && (static_cast<unsigned char>(s[i + len]) & 0xC0) == 0x80) ++len;
  sink.Bytes(s.data() + i, len);
  return i + len;
}

}  // namespace

void AppendNormalizedText(std::string_view s, std::string& out, bool fold_case) {
  Writer sink(out, s.size(), fold_case);
  const size_t n = s.size();
  size_t i = 0;
#if defined(__SSE2__)
  if (!fold_case) {
    // Sixteen bytes at a time: plain bytes are stored as a block, and the
    // stops in a block are handled one after another from one mask (a stop
    // is every dozen bytes or so in Chinese HTML) until one reaches past it.
    const StopMask stops;
    while (i + 18 <= n) {
      const size_t base = i;
      __m128i block;
      unsigned mask = stops(s.data() + base, &block);
      if (mask == 0) {
        sink.Block(block, 16);
        i += 16;
        continue;
      }
      size_t plain = static_cast<size_t>(__builtin_ctz(mask));
      if (plain > 0) sink.Block(block, plain);
      i = Step(s, base + plain, sink);
      // The rest of the block, while its stops are known and a block from i
      // can still be read whole.
      while (i < base + 16 && i + 18 <= n) {
        unsigned rest = mask >> (i - base);
        __m128i from_i = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
        if (rest == 0) {
          sink.Block(from_i, base + 16 - i);
          i = base + 16;
          break;
        }
        plain = static_cast<size_t>(__builtin_ctz(rest));
        if (plain > 0) sink.Block(from_i, plain);
        i = Step(s, i + plain, sink);
      }
    }
  }
#endif
  while (i < n) {
    // A run of bytes that need no change (not markup, space or a foldable
    // character) is copied whole.
    size_t run = SkipPlain(s, i, fold_case);
    if (run > i) {
      sink.Bytes(s.data() + i, run - i);
      i = run;
      if (i >= n) break;
    }
    i = Step(s, i, sink);
  }
}

StatusOr<std::unique_ptr<SimplifiedChinese>> SimplifiedChinese::Open(const std::string& config) {
  opencc_t h = opencc_open(config.c_str());
  if (h == reinterpret_cast<opencc_t>(-1))
    return InvalidArgument("cannot open OpenCC config '" + config + "': " + opencc_error());
  return std::unique_ptr<SimplifiedChinese>(new SimplifiedChinese(h));
}

SimplifiedChinese::~SimplifiedChinese() { opencc_close(static_cast<opencc_t>(handle_)); }

void SimplifiedChinese::Convert(std::string& text) const {
  char* converted = opencc_convert_utf8(static_cast<opencc_t>(handle_), text.data(), text.size());
  if (converted == nullptr) return;  // leave the text as it was
  text.assign(converted);
  opencc_convert_utf8_free(converted);
}

}  // namespace jobsift
