// What an input is, from its first bytes: the sniffer the reader asks
// before it picks a record format (csv.h, jsonl.h, xlsx.h). Compression
// (gzip, zstd) is found and unwrapped by byte_source.h first.
#ifndef JOBSIFT_IO_SNIFF_H_
#define JOBSIFT_IO_SNIFF_H_

#include <string>
#include <string_view>

namespace jobsift {

// A zip archive (or an XLSX workbook, which is one): "PK\3\4" or an empty
// archive's "PK\5\6".
bool IsZipMagic(std::string_view sample);

// What a file that is not text is, from its first bytes: "an ELF
// executable", "a Parquet file", "binary data: NUL bytes in its first
// line" …; "" for text (compressed streams and zip archives are unwrapped
// before this).
std::string_view BinaryKind(std::string_view sample);

// Detects the encoding of a sample: "UTF-8" when it is valid UTF-8 (a
// sequence cut at the end is allowed), "GB18030" when it decodes as that,
// else "UTF-8" (invalid bytes will be repaired and counted).
std::string DetectEncoding(std::string_view sample);

// Text whose first non-blank byte opens a JSON object is JSON Lines; any
// other text is CSV (its delimiter: csv.h's DetectDelimiter). Whether the
// text is blank is for the caller to ask first.
bool LooksLikeJsonLines(std::string_view text);

}  // namespace jobsift

#endif  // JOBSIFT_IO_SNIFF_H_
