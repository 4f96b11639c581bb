#include "io/sniff.h"

#include <algorithm>
#include <utility>

#include "base/text.h"

namespace jobsift {

bool IsZipMagic(std::string_view sample) { return StartsWith(sample, "PK\x03\x04") || StartsWith(sample, "PK\x05\x06"); }

std::string_view BinaryKind(std::string_view sample) {
  // Text in the encodings jobsift reads never holds a NUL byte.
  static constexpr std::pair<std::string_view, std::string_view> kMagic[] = {
      {"\x7F" "ELF", "an ELF executable"}, {"%PDF", "a PDF document"}, {"\x89PNG", "a PNG image"},
      {"\xFF\xD8\xFF", "a JPEG image"}, {"GIF8", "a GIF image"}, {"SQLite format 3", "an SQLite database"},
      {"PAR1", "a Parquet file"}, {"\xD0\xCF\x11\xE0", "an old Office (xls/doc) file"},
      {"BZh", "a bzip2 stream"}, {"\xFD" "7zXZ", "an xz stream"}, {"7z\xBC\xAF", "a 7-Zip archive"},
      {"Rar!", "a RAR archive"}};
  for (const auto& [magic, kind] : kMagic)
    if (StartsWith(sample, magic)) return kind;
  if (StartsWith(sample, "\xFF\xFE") || StartsWith(sample, "\xFE\xFF"))
    return "UTF-16 text, which jobsift does not read: convert it to UTF-8";
  // A text file's first line is its header or first record: NUL bytes there
  // mean binary data (a NUL inside a later field is data, and rejected or
  // repaired row by row).
  std::string_view first_line = sample.substr(0, std::min<size_t>(sample.find('\n'), 4096));
  if (first_line.find('\0') != std::string_view::npos) return "binary data: NUL bytes in its first line";
  return {};
}

std::string DetectEncoding(std::string_view sample) {
  // Allow a multi-byte character cut by the end of the sample.
  size_t cut = sample.size();
  for (size_t back = 0; back < 3 && cut > 0; ++back) {
    unsigned char c = static_cast<unsigned char>(sample[cut - 1]);
    if (c < 0x80) break;
    --cut;
    if (c >= 0xC0) break;
  }
  if (IsValidUtf8(sample) || IsValidUtf8(sample.substr(0, cut))) return "UTF-8";
  // Is it GB18030? Count the sequences that decode; all of them must.
  size_t i = 0, bad = 0, multi = 0;
  const size_t n = sample.size();
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(sample[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    if (c >= 0x81 && c <= 0xFE && i + 1 < n) {
      unsigned char d = static_cast<unsigned char>(sample[i + 1]);
      if ((d >= 0x40 && d <= 0x7E) || (d >= 0x80 && d <= 0xFE)) {
        i += 2;
        ++multi;
        continue;
      }
      if (d >= 0x30 && d <= 0x39 && i + 3 < n) {
        i += 4;
        ++multi;
        continue;
      }
    }
    if (i + 1 >= n) break;  // cut at the end of the sample
    ++bad;
    ++i;
  }
  if (multi > 0 && bad * 100 <= multi) return "GB18030";
  return "UTF-8";
}

bool LooksLikeJsonLines(std::string_view text) {
  size_t first = text.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && text[first] == '{';
}

}  // namespace jobsift
