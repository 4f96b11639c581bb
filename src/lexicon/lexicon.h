// Lexicons: the AI, hard-skill, soft-skill and benefit terms, loaded from
// group files under data/lexicons/<domain>/ (format: docs/lexicon-format.md)
// and validated: every problem names its file and line. A Lexicon is
// immutable once loaded.
//
// Not for: matching (text/matcher.h) or deciding what a match means
// (annotator.h).
#ifndef JOBSIFT_LEXICON_LEXICON_H_
#define JOBSIFT_LEXICON_LEXICON_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "jobsift/status.h"

namespace jobsift {

enum class Domain : uint8_t { kAi, kHard, kSoft, kBenefit, kCount };
inline constexpr size_t kDomainCount = static_cast<size_t>(Domain::kCount);
std::string_view DomainName(Domain d);  // "ai", "hard", "soft", "benefit"
StatusOr<Domain> DomainFromName(std::string_view name);

struct Term {
  std::string text;    // as written in the file
  std::string folded;  // as matched: full-width folded; ASCII lower-case unless case_sensitive
  Domain domain = Domain::kAi;
  uint32_t group = 0;  // index into Lexicon::groups()
  bool case_sensitive = false;
  bool ascii_start = false;  // starts with an ASCII letter or digit: needs a word boundary before
  bool ascii_end = false;    // ends with one: needs a word boundary after
  bool weak = false;         // ai only: counts with a strong term or in the title
  bool title_only = false;   // ai only: counts only in the title
  std::vector<std::string> excludes;  // folded like `folded`
  std::string origin;                 // "path:line"
};

struct Group {
  std::string name;
  std::string category;  // hard: 专业知识 / 技术技能 / 工程实践; else the domain name
  std::string belongs;
  std::string left_out;
  Domain domain = Domain::kAi;
  std::string file;
  std::string overlay;  // the overlay file that changed or added it ("" = none)
  uint32_t terms = 0;
};

class Lexicon {
 public:
  // Loads every `<domain>/*.tsv` under `root` (sorted by path).
  static StatusOr<Lexicon> LoadDir(const std::string& root);
  // Loads group files or directories; the domain of a file is the name of
  // the directory that holds it.
  static StatusOr<Lexicon> LoadPaths(const std::vector<std::string>& paths);
  // Loads the set under `base`, then applies the group files under
  // `overlay` (same layout) term by term and group by group: a file naming
  // a group the set has adds its terms to it and replaces the ones it names
  // again (flags, exclusions; a term another group of the domain had moves
  // here); the flag `remove` takes a term out; `# remove: group` takes the
  // whole group out; a file naming a new group adds it (with its belongs /
  // left out lines, as any group). docs/lexicon-format.md, "Overlays".
  static StatusOr<Lexicon> LoadOverlaid(const std::string& base, const std::string& overlay);

  // The terms and groups of one domain as a lexicon of its own (groups
  // renumbered, order kept): what an annotator deciding only the AI flag
  // needs, without reading the files again.
  Lexicon Only(Domain d) const;

  const std::vector<Term>& terms() const { return terms_; }
  const std::vector<Group>& groups() const { return groups_; }
  size_t TermCount(Domain d) const;
  size_t GroupCount(Domain d) const;
  // FNV-1a of every term and group in load order, as 16 hex digits: two runs
  // with the same checksum used the same lexicon.
  std::string Checksum() const;

 private:
  // A group file as read: the group, its terms, and (overlays) what it
  // removes.
  struct GroupFile {
    Group group;
    std::vector<Term> terms;
    std::vector<bool> remove;   // per term: the `remove` flag
    bool remove_group = false;  // `# remove: group`
  };
  static StatusOr<GroupFile> ReadGroupFile(const std::string& path, Domain domain, bool overlay);
  Status LoadFile(const std::string& path, Domain domain);
  Status Apply(GroupFile file, bool from_overlay);
  Status Finish();
  std::vector<Term> terms_;
  std::vector<Group> groups_;
};

// Folds a term or an exclusion the way the matcher sees text.
std::string FoldTerm(std::string_view text, bool case_sensitive);

}  // namespace jobsift

#endif  // JOBSIFT_LEXICON_LEXICON_H_
