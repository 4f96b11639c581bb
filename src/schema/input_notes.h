// What a run's inputs left out or assumed, kept so that nothing is lost in
// silence: fields a file has no column for (unknown for all its rows),
// columns found by what their cells hold rather than by their names, empty
// files, files skipped because they hold no postings, and other warnings.
// Filled by the reader (pipeline/reader.h, NoteInputs), carried by state
// files so that merge says the same, and shown by every command on stderr
// (Lines), in summary.json and in report.html's data-quality chapter.
//
// Not for: rejected rows (schema/diagnostics.h counts those) or parse
// failures of single values (fields/).
#ifndef JOBSIFT_SCHEMA_INPUT_NOTES_H_
#define JOBSIFT_SCHEMA_INPUT_NOTES_H_

#include <cstdint>
#include <string>
#include <vector>

#include "schema/column_map.h"

namespace jobsift {

struct InputNotes {
  uint64_t files = 0;  // files and archive members read as postings
  uint64_t rows = 0;   // rows they held (read, accepted or not)

  // A column of a posting field in a file skipped for holding no postings.
  struct Elsewhere {
    std::string file;
    Field field = Field::kPosition;
    std::string column;
    bool operator==(const Elsewhere&) const = default;
  };

  // A field some files have no column for. Only fields a posting is read
  // for are noted (not ids, numeric salary parts, benefits or the date's
  // fallbacks); the date counts as missing only when none of its columns is
  // there.
  struct NoColumn {
    Field field = Field::kPosition;
    std::vector<std::string> files;
    uint64_t rows = 0;  // rows of those files
    // The columns of those files that no field took (by name, the first
    // file's sample): where a user looks for the field before concluding
    // the files do not hold it.
    std::vector<SpareColumn> spare;
    bool operator==(const NoColumn&) const = default;
  };
  std::vector<NoColumn> no_column;  // in Field order

  // The columns of company size and industry in files skipped for holding
  // no postings (tables of companies), in file order: where a field that
  // files lack may be (ElsewhereOf). Kept whether or not a file lacks the
  // field, so that notes of parts added up say what one read says.
  std::vector<Elsewhere> skipped_columns;
  // The skipped files' columns for `field`.
  std::vector<Elsewhere> ElsewhereOf(Field field) const;

  // A column taken for a field by what its cells hold.
  struct ByContent {
    std::string file;
    Field field = Field::kPosition;
    std::string header;    // the column's name, or "#3" without a header row
    std::string evidence;  // "196 of 200 sampled cells read as a city"
    bool operator==(const ByContent&) const = default;
  };
  std::vector<ByContent> by_content;

  std::vector<std::string> empty;    // "<file>: <why>": files or sheets without a single row
  std::vector<std::string> skipped;  // "<file>: <why>": files in folders that hold no postings
  std::vector<std::string> other;    // other warnings, each naming its file

  // Adds the notes of another run (merge): counts add, lists append; a
  // field's entry is made when missing.
  void Add(const InputNotes& o);

  // The warnings a user reads on stderr, one line per kind of gap (long
  // lists cut to their first names), without a "warning:" prefix; each
  // says what the gap costs and what the user can do about it.
  std::vector<std::string> Lines() const;

  bool operator==(const InputNotes&) const = default;
};

// Adds to `to` the columns of `from` it has not by name.
void AddSpare(const std::vector<SpareColumn>& from, std::vector<SpareColumn>* to);

// The file a "<file>: <why>" note names (skipped, empty).
std::string NoteFile(const std::string& note);

// The fields whose missing column InputNotes notes, in Field order.
bool IsNotedField(Field f);

// The notes as one JSON object: {"files", "rows", "no_column": {field:
// {"files": [...], "rows"}}, "spare_columns": {field: [{"column",
// "sample"}]}, "in_skipped_files": {field: [{"file", "column"}]},
// "by_content": [{"file", "field", "column", "evidence"}], "empty",
// "skipped", "warnings"}.
void AppendInputNotesJson(const InputNotes& n, std::string& out);

}  // namespace jobsift

#endif  // JOBSIFT_SCHEMA_INPUT_NOTES_H_
