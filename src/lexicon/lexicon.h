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
#include "text/sections.h"

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

// The AI rule's own words (data/lexicons/rules.tsv): not terms that are
// counted, but words that change what a term counts for, and the rules
// classifier's title and duty patterns. Part of the lexicon set: its
// checksum covers them and an overlay may replace any list.
struct RuleWords {
  // Clause markers: a term in a clause with a plus word, or with a tool and
  // a use word, is incidental (annotator.cc).
  std::vector<std::string> marker_plus, marker_tool, marker_use;
  // Titles that sell, recruit or advise; titles offering AI as a plus;
  // general software roles (annotator.cc).
  std::vector<std::string> title_non_technical, title_plus, title_general_software;
  // The rules classifier's patterns (category.cc, RulesCategory).
  std::vector<std::string> app_title, app_work, build_work, data_title, teach_title, tools;
  // The headings that start a description's sections (text/sections.h):
  // duties, requirements, benefits, the company blurb (whose terms do not
  // count). Longer first where one starts another.
  std::vector<std::string> heading_duties, heading_requirements, heading_benefits, heading_company;
  std::string file;     // where they were read
  std::string overlay;  // the overlay file that replaced lists ("" = none)

  // Every list with its name in the file ("marker.plus" …), in file order.
  using List = std::vector<std::string> RuleWords::*;
  static const std::vector<std::pair<std::string_view, List>>& Lists();
  size_t WordCount() const;
};

// The shipped rule words: data/lexicons/rules.tsv of the build's data folder
// ($JOBSIFT_DATA_DIR when set). Used by a set that has no rules.tsv.
std::string DefaultRuleWordsPath();
// Reads a rules.tsv; with `only_named`, lists the file leaves out stay
// empty and are marked absent in `named` (an overlay), else every list
// must be given. Problems name the file and line.
StatusOr<RuleWords> ReadRuleWords(const std::string& path, bool only_named = false,
                                  std::vector<bool>* named = nullptr);
// The section headings of the heading.* lists, in list order (duties,
// requirements, benefits, company); a bad one is an error naming the file.
StatusOr<SectionHeadings> HeadingsOf(const RuleWords& rules);

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
  const RuleWords& rules() const { return rules_; }
  // The section headings of rules(), ready to split descriptions.
  const SectionHeadings& headings() const { return headings_; }
  size_t TermCount(Domain d) const;
  size_t GroupCount(Domain d) const;
  // FNV-1a of every term and group in load order, and of the rule words, as
  // 16 hex digits: two runs with the same checksum used the same lexicon.
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
  // The rule words of the set at `paths` (a rules.tsv at a folder's top),
  // else the shipped ones; then an overlay's lists, when given.
  Status LoadRules(const std::vector<std::string>& paths, const std::string& overlay);
  // headings_ from rules_'s heading lists.
  Status MakeHeadings();
  std::vector<Term> terms_;
  std::vector<Group> groups_;
  RuleWords rules_;
  SectionHeadings headings_;
};

// Folds a term or an exclusion the way the matcher sees text.
std::string FoldTerm(std::string_view text, bool case_sensitive);

}  // namespace jobsift

#endif  // JOBSIFT_LEXICON_LEXICON_H_
