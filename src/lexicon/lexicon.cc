#include "lexicon/lexicon.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "base/data_dir.h"
#include "base/hash.h"
#include "base/data_file.h"
#include "base/text.h"
#include "text/normalize.h"

namespace jobsift {
namespace {

bool IsAsciiAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

constexpr std::string_view kHardCategories[] = {"专业知识", "技术技能", "工程实践"};

}  // namespace

std::string_view DomainName(Domain d) {
  switch (d) {
    case Domain::kAi: return "ai";
    case Domain::kHard: return "hard";
    case Domain::kSoft: return "soft";
    case Domain::kBenefit: return "benefit";
    case Domain::kCount: break;
  }
  return "";
}

StatusOr<Domain> DomainFromName(std::string_view name) {
  for (size_t i = 0; i < kDomainCount; ++i)
    if (DomainName(static_cast<Domain>(i)) == name) return static_cast<Domain>(i);
  return InvalidArgument("no lexicon domain is called '" + std::string(name) + "' (ai, hard, soft, benefit)");
}

std::string FoldTerm(std::string_view text, bool case_sensitive) {
  std::string out;
  AppendNormalizedText(text, out, !case_sensitive);
  return out;
}

size_t Lexicon::TermCount(Domain d) const {
  return static_cast<size_t>(std::count_if(terms_.begin(), terms_.end(), [d](const Term& t) { return t.domain == d; }));
}

size_t Lexicon::GroupCount(Domain d) const {
  return static_cast<size_t>(std::count_if(groups_.begin(), groups_.end(), [d](const Group& g) { return g.domain == d; }));
}

const std::vector<std::pair<std::string_view, RuleWords::List>>& RuleWords::Lists() {
  static const std::vector<std::pair<std::string_view, List>> kLists = {
      {"marker.plus", &RuleWords::marker_plus},
      {"marker.tool", &RuleWords::marker_tool},
      {"marker.use", &RuleWords::marker_use},
      {"title.non_technical", &RuleWords::title_non_technical},
      {"title.plus", &RuleWords::title_plus},
      {"title.general_software", &RuleWords::title_general_software},
      {"category.app_title", &RuleWords::app_title},
      {"category.app_work", &RuleWords::app_work},
      {"category.build_work", &RuleWords::build_work},
      {"category.data_title", &RuleWords::data_title},
      {"category.teach_title", &RuleWords::teach_title},
      {"category.tools", &RuleWords::tools},
      {"heading.duties", &RuleWords::heading_duties},
      {"heading.requirements", &RuleWords::heading_requirements},
      {"heading.benefits", &RuleWords::heading_benefits},
      {"heading.company", &RuleWords::heading_company},
  };
  return kLists;
}

size_t RuleWords::WordCount() const {
  size_t n = 0;
  for (const auto& [name, list] : Lists()) n += (this->*list).size();
  return n;
}

std::string DefaultRuleWordsPath() {
  return DefaultDataDir() + "/lexicons/rules.tsv";
}

StatusOr<RuleWords> ReadRuleWords(const std::string& path, bool only_named, std::vector<bool>* named) {
  const auto& lists = RuleWords::Lists();
  RuleWords w;
  w.file = path;
  std::vector<bool> seen(lists.size(), false);
  Status st = ReadPairFile(
      path, "rule words", "a list name and a word",
      [&](std::string_view list, std::string_view word, const std::string& where) {
        size_t i = 0;
        while (i < lists.size() && lists[i].first != list) ++i;
        if (i == lists.size()) {
          std::string names;
          for (const auto& [name, member] : lists) names += (names.empty() ? "" : ", ") + std::string(name);
          return InvalidArgument(where + ": no list is called '" + std::string(list) + "' (the lists: " + names + ")");
        }
        std::vector<std::string>& words = w.*(lists[i].second);
        if (std::find(words.begin(), words.end(), word) != words.end())
          return InvalidArgument(where + ": '" + std::string(word) + "' is in " + std::string(list) + " already");
        words.emplace_back(word);
        seen[i] = true;
        return Status::Ok();
      });
  if (!st.ok()) return st;
  if (!only_named)
    for (size_t i = 0; i < lists.size(); ++i)
      if (!seen[i]) return InvalidArgument(path + ": the list " + std::string(lists[i].first) + " is missing");
  if (named != nullptr) *named = seen;
  return w;
}

Status Lexicon::LoadRules(const std::vector<std::string>& paths, const std::string& overlay) {
  namespace fs = std::filesystem;
  std::string file;
  for (const std::string& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec) && fs::exists(fs::path(p) / "rules.tsv", ec)) file = (fs::path(p) / "rules.tsv").string();
  }
  auto rules = ReadRuleWords(file.empty() ? DefaultRuleWordsPath() : file);
  if (!rules.ok()) return rules.status();
  rules_ = std::move(*rules);
  std::error_code ec;
  if (overlay.empty() || !fs::exists(fs::path(overlay) / "rules.tsv", ec)) return MakeHeadings();
  std::vector<bool> named;
  auto over = ReadRuleWords((fs::path(overlay) / "rules.tsv").string(), /*only_named=*/true, &named);
  if (!over.ok()) return over.status();
  const auto& lists = RuleWords::Lists();
  for (size_t i = 0; i < lists.size(); ++i)
    if (named[i]) rules_.*(lists[i].second) = std::move((*over).*(lists[i].second));
  rules_.overlay = over->file;
  return MakeHeadings();
}

StatusOr<SectionHeadings> HeadingsOf(const RuleWords& rules) {
  std::vector<std::pair<std::string, Section>> headings;
  for (auto [list, section] : {std::pair{&RuleWords::heading_duties, Section::kDuties},
                               std::pair{&RuleWords::heading_requirements, Section::kRequirements},
                               std::pair{&RuleWords::heading_benefits, Section::kBenefits},
                               std::pair{&RuleWords::heading_company, Section::kCompany}})
    for (const std::string& h : rules.*list) headings.emplace_back(h, section);
  auto made = SectionHeadings::Make(headings);
  if (!made.ok())
    return Status(made.status().code(),
                  (rules.overlay.empty() ? rules.file : rules.overlay) + ": " + made.status().message());
  return made;
}

Status Lexicon::MakeHeadings() {
  auto made = HeadingsOf(rules_);
  if (!made.ok()) return made.status();
  headings_ = std::move(*made);
  return Status::Ok();
}

std::string Lexicon::Checksum() const {
  Fnv1a h;
  auto mix = [&h](std::string_view s) {
    h.Add(s);
    h.Add("\xff");  // after each string, so that "ab","c" and "a","bc" differ
  };
  for (const Group& g : groups_) {
    mix(DomainName(g.domain));
    mix(g.name);
    mix(g.category);
  }
  for (const Term& t : terms_) {
    mix(t.folded);
    mix(std::to_string(t.group));
    mix(t.weak ? "w" : "-");
    mix(t.title_only ? "t" : "-");
    mix(t.case_sensitive ? "c" : "-");
    for (const auto& e : t.excludes) mix(e);
  }
  for (const auto& [name, list] : RuleWords::Lists()) {
    mix(name);
    for (const std::string& w : rules_.*list) mix(w);
  }
  return h.Hex();
}

StatusOr<Lexicon::GroupFile> Lexicon::ReadGroupFile(const std::string& path, Domain domain, bool overlay) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound(path + ": cannot open lexicon file");
  GroupFile out;
  Group& group = out.group;
  group.domain = domain;
  group.file = path;
  std::string raw;
  int line_no = 0;
  bool header_done = false;
  std::string remove_directive;
  while (std::getline(in, raw)) {
    ++line_no;
    std::string where = path + ":" + std::to_string(line_no);
    if (!raw.empty() && raw.back() == '\r') raw.pop_back();
    if (line_no == 1 && StartsWith(raw, "\xEF\xBB\xBF")) raw.erase(0, 3);
    if (!IsValidUtf8(raw)) return InvalidArgument(where + ": not valid UTF-8");
    std::string_view line = raw;
    if (TrimCell(line).empty()) continue;
    if (line[0] == '#') {
      std::string_view body = TrimCell(line.substr(1));
      auto directive = [&](std::string_view key, std::string* into) {
        if (!StartsWith(body, key)) return false;
        *into = std::string(TrimCell(body.substr(key.size())));
        return true;
      };
      if (!header_done) {
        directive("group:", &group.name) || directive("category:", &group.category) ||
            directive("belongs:", &group.belongs) || directive("left out:", &group.left_out) ||
            (overlay && directive("remove:", &remove_directive));
      }
      continue;
    }
    header_done = true;
    auto cols = SplitOn(line, '\t');
    if (cols.size() > 4) return InvalidArgument(where + ": more than 4 tab-separated columns");
    Term t;
    t.text = std::string(TrimCell(cols[0]));
    if (t.text.empty()) return InvalidArgument(where + ": empty term");
    t.domain = domain;
    t.origin = where;
    bool remove = false;
    if (cols.size() > 1) {
      std::string_view flags = TrimCell(cols[1]);
      size_t start = 0;
      while (start <= flags.size() && !flags.empty()) {
        size_t comma = flags.find(',', start);
        std::string_view f = TrimCell(flags.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
        start = comma == std::string_view::npos ? flags.size() + 1 : comma + 1;
        if (f.empty()) continue;
        if (f == "cs") {
          t.case_sensitive = true;
        } else if (f == "word") {
          // Implied for ASCII-edged terms; accepted for clarity.
        } else if (f == "weak" || f == "title") {
          if (domain != Domain::kAi)
            return InvalidArgument(where + ": flag '" + std::string(f) + "' is for ai terms only");
          (f == "weak" ? t.weak : t.title_only) = true;
        } else if (f == "remove" && overlay) {
          remove = true;
        } else {
          return InvalidArgument(where + ": unknown flag '" + std::string(f) + "' (cs, word, weak, title" +
                                 (overlay ? ", remove)" : "; remove in overlays only)"));
        }
      }
    }
    t.folded = FoldTerm(t.text, t.case_sensitive);
    if (t.folded.empty()) return InvalidArgument(where + ": term is empty after folding");
    if (t.folded.find('\n') != std::string::npos) return InvalidArgument(where + ": term spans lines");
    t.ascii_start = IsAsciiAlnum(t.folded.front());
    t.ascii_end = IsAsciiAlnum(t.folded.back());
    if (cols.size() > 2) {
      std::string_view ex = TrimCell(cols[2]);
      size_t start = 0;
      while (!ex.empty() && start <= ex.size()) {
        size_t bar = ex.find('|', start);
        std::string_view e = TrimCell(ex.substr(start, bar == std::string_view::npos ? std::string_view::npos : bar - start));
        start = bar == std::string_view::npos ? ex.size() + 1 : bar + 1;
        if (e.empty()) continue;
        std::string fe = FoldTerm(e, t.case_sensitive);
        if (fe == t.folded)
          return InvalidArgument(where + ": exclusion '" + std::string(e) + "' is the term itself");
        if (fe.find(t.folded) == std::string::npos)
          return InvalidArgument(where + ": exclusion '" + std::string(e) + "' does not contain the term '" + t.text + "'");
        t.excludes.push_back(std::move(fe));
      }
    }
    out.terms.push_back(std::move(t));
    out.remove.push_back(remove);
  }
  if (group.name.empty()) return InvalidArgument(path + ": missing '# group:' line");
  if (!remove_directive.empty() && remove_directive != "group")
    return InvalidArgument(path + ": '# remove:' takes 'group' (to take the whole group out)");
  out.remove_group = !remove_directive.empty();
  return out;
}

Status Lexicon::Apply(GroupFile file, bool from_overlay) {
  Group& group = file.group;
  const Domain domain = group.domain;
  auto existing = std::find_if(groups_.begin(), groups_.end(),
                               [&](const Group& g) { return g.domain == domain && g.name == group.name; });
  const bool known = existing != groups_.end();
  if (file.remove_group) {
    if (!known) return InvalidArgument(group.file + ": removes group '" + group.name + "', which the lexicon has not");
    const uint32_t index = static_cast<uint32_t>(existing - groups_.begin());
    std::erase_if(terms_, [&](const Term& t) { return t.group == index; });
    for (Term& t : terms_)
      if (t.group > index) --t.group;
    groups_.erase(existing);
    return Status::Ok();
  }
  if (!known) {
    if (group.belongs.empty() || group.left_out.empty())
      return InvalidArgument(group.file +
                             ": missing '# belongs:' or '# left out:' line (say what the group holds and leaves out)");
    if (domain == Domain::kHard) {
      if (std::find(std::begin(kHardCategories), std::end(kHardCategories), group.category) ==
          std::end(kHardCategories))
        return InvalidArgument(group.file + ": hard-skill groups need '# category:' 专业知识, 技术技能 or 工程实践, not '" +
                               group.category + "'");
    } else {
      group.category = std::string(DomainName(domain));
    }
    group.terms = 0;
    if (from_overlay) group.overlay = group.file;
    groups_.push_back(group);
    existing = groups_.end() - 1;
  } else {
    // An overlay of a known group may restate what it holds.
    if (!group.belongs.empty()) existing->belongs = group.belongs;
    if (!group.left_out.empty()) existing->left_out = group.left_out;
    existing->overlay = group.file;  // (a set defines each group once: LoadFile)
  }
  const uint32_t index = static_cast<uint32_t>(existing - groups_.begin());
  for (size_t i = 0; i < file.terms.size(); ++i) {
    Term& t = file.terms[i];
    // The overlay's word for a term wins: its old entry in the domain goes.
    // (Within a set a term given twice is an error, which Finish reports.)
    auto old = !from_overlay ? terms_.end()
                             : std::find_if(terms_.begin(), terms_.end(),
                                            [&](const Term& o) { return o.domain == domain && o.folded == t.folded; });
    if (old != terms_.end()) {
      --groups_[old->group].terms;
      terms_.erase(old);
    } else if (file.remove[i]) {
      return InvalidArgument(t.origin + ": removes '" + t.text + "', which the " + std::string(DomainName(domain)) +
                             " lexicon has not");
    }
    if (file.remove[i]) continue;
    t.group = index;
    ++groups_[index].terms;
    terms_.push_back(std::move(t));
  }
  return Status::Ok();
}

Status Lexicon::LoadFile(const std::string& path, Domain domain) {
  auto file = ReadGroupFile(path, domain, /*overlay=*/false);
  if (!file.ok()) return file.status();
  Group& group = file->group;
  if (group.belongs.empty() || group.left_out.empty())
    return InvalidArgument(path + ": missing '# belongs:' or '# left out:' line (say what the group holds and leaves out)");
  for (const Group& g : groups_)
    if (g.domain == domain && g.name == group.name)
      return InvalidArgument(path + ": group '" + group.name + "' is already defined in " + g.file);
  return Apply(std::move(*file), /*from_overlay=*/false);
}

Status Lexicon::Finish() {
  // A term may appear once per domain (after folding; case-sensitive terms
  // are folded for width only, so they compare as written).
  std::map<std::pair<Domain, std::string>, const Term*> seen;
  for (const Term& t : terms_) {
    auto [it, inserted] = seen.emplace(std::make_pair(t.domain, t.folded), &t);
    if (!inserted)
      return InvalidArgument(t.origin + ": duplicate " + std::string(DomainName(t.domain)) + " term '" + t.text +
                             "' (first at " + it->second->origin + ")");
  }
  if (terms_.empty()) return InvalidArgument("lexicon: no terms loaded");
  return Status::Ok();
}

Lexicon Lexicon::Only(Domain d) const {
  Lexicon out;
  out.rules_ = rules_;
  out.headings_ = headings_;
  std::vector<uint32_t> index(groups_.size(), 0);
  for (size_t g = 0; g < groups_.size(); ++g) {
    if (groups_[g].domain != d) continue;
    index[g] = static_cast<uint32_t>(out.groups_.size());
    out.groups_.push_back(groups_[g]);
  }
  for (const Term& t : terms_) {
    if (t.domain != d) continue;
    out.terms_.push_back(t);
    out.terms_.back().group = index[t.group];
  }
  return out;
}

namespace {

// The group files under `paths` (files or folders), sorted, each with the
// domain its folder names.
StatusOr<std::vector<std::pair<std::string, Domain>>> GroupFiles(const std::vector<std::string>& paths) {
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  for (const std::string& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      for (auto it = fs::recursive_directory_iterator(p, fs::directory_options::follow_directory_symlink, ec);
           !ec && it != fs::recursive_directory_iterator();
           it.increment(ec))
        if (it->is_regular_file() && it->path().extension() == ".tsv" &&
            !(it->path().filename() == "rules.tsv" &&  // the set's rule words (LoadRules), not a group
              !DomainFromName(it->path().parent_path().filename().string()).ok()))
          files.push_back(it->path().string());
    } else if (fs::exists(p, ec)) {
      files.push_back(p);
    } else {
      return NotFound(p + ": no such lexicon file or directory");
    }
  }
  std::sort(files.begin(), files.end());
  std::vector<std::pair<std::string, Domain>> out;
  for (const std::string& f : files) {
    std::string dir = fs::path(f).parent_path().filename().string();
    auto d = DomainFromName(dir);
    if (!d.ok()) return InvalidArgument(f + ": a lexicon file must sit in a folder named ai, hard, soft or benefit");
    out.emplace_back(f, *d);
  }
  return out;
}

}  // namespace

StatusOr<Lexicon> Lexicon::LoadPaths(const std::vector<std::string>& paths) {
  auto files = GroupFiles(paths);
  if (!files.ok()) return files.status();
  Lexicon lex;
  for (const auto& [f, d] : *files) JOBSIFT_RETURN_IF_ERROR(lex.LoadFile(f, d));
  JOBSIFT_RETURN_IF_ERROR(lex.LoadRules(paths, ""));
  JOBSIFT_RETURN_IF_ERROR(lex.Finish());
  return lex;
}

StatusOr<Lexicon> Lexicon::LoadOverlaid(const std::string& base, const std::string& overlay) {
  auto base_files = GroupFiles({base});
  if (!base_files.ok()) return base_files.status();
  auto overlay_files = GroupFiles({overlay});
  if (!overlay_files.ok()) return overlay_files.status();
  Lexicon lex;
  for (const auto& [f, d] : *base_files) JOBSIFT_RETURN_IF_ERROR(lex.LoadFile(f, d));
  for (const auto& [f, d] : *overlay_files) {
    auto file = ReadGroupFile(f, d, /*overlay=*/true);
    if (!file.ok()) return file.status();
    JOBSIFT_RETURN_IF_ERROR(lex.Apply(std::move(*file), /*from_overlay=*/true));
  }
  JOBSIFT_RETURN_IF_ERROR(lex.LoadRules({base}, overlay));
  JOBSIFT_RETURN_IF_ERROR(lex.Finish());
  return lex;
}

StatusOr<Lexicon> Lexicon::LoadDir(const std::string& root) { return LoadPaths({root}); }

}  // namespace jobsift
