#include "lexicon/annotator.h"

#include <algorithm>

namespace jobsift {
namespace {

bool IsAsciiAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool EqualFolded(std::string_view text, std::string_view folded, bool case_sensitive) {
  if (text.size() != folded.size()) return false;
  for (size_t i = 0; i < text.size(); ++i)
    if ((case_sensitive ? text[i] : Lower(text[i])) != folded[i]) return false;
  return true;
}

}  // namespace

std::string_view AiRuleName(AiRule r) { return r == AiRule::kReport ? "report" : "default"; }

bool AiRuleFromName(std::string_view name, AiRule* out) {
  if (name == "report") {
    *out = AiRule::kReport;
  } else if (name == "default") {
    *out = AiRule::kDefault;
  } else {
    return false;
  }
  return true;
}

Annotator::Scratch::~Scratch() = default;

StatusOr<std::unique_ptr<Annotator>> Annotator::Create(Lexicon lexicon, AnnotateOptions options) {
  std::unique_ptr<Annotator> a(new Annotator(std::move(lexicon), options));
  std::vector<Matcher::Pattern> patterns;
  patterns.reserve(a->lexicon_.terms().size());
  for (const Term& t : a->lexicon_.terms()) patterns.push_back({t.folded, !t.case_sensitive});
  auto m = Matcher::Compile(patterns);
  if (!m.ok()) return m.status();
  a->matcher_ = std::move(*m);
  if (options.traditional_to_simplified) {
    auto probe = SimplifiedChinese::Open();
    if (!probe.ok()) return probe.status();
  }
  return a;
}

std::unique_ptr<Annotator::Scratch> Annotator::NewScratch() const {
  auto s = std::make_unique<Scratch>();
  s->matcher = matcher_->NewScratch();
  if (options_.traditional_to_simplified) {
    auto t2s = SimplifiedChinese::Open();
    if (t2s.ok()) s->t2s = std::move(*t2s);
  }
  s->slot.assign(lexicon_.terms().size(), -1);
  return s;
}

bool Annotator::Counts(const Term& t, std::string_view text, size_t begin, size_t end) const {
  if (t.ascii_start && begin > 0 && IsAsciiAlnum(text[begin - 1])) return false;
  if (t.ascii_end && end < text.size() && IsAsciiAlnum(text[end])) return false;
  for (const std::string& ex : t.excludes) {
    // Every place the term sits inside the exclusion: is the exclusion
    // written around this match?
    for (size_t k = ex.find(t.folded); k != std::string::npos; k = ex.find(t.folded, k + 1)) {
      if (begin < k || begin - k + ex.size() > text.size()) continue;
      if (EqualFolded(text.substr(begin - k, ex.size()), ex, t.case_sensitive)) return false;
    }
  }
  return true;
}

void Annotator::Annotate(const Posting& p, Scratch& scratch, Annotation* out) const {
  AnnotateText(p[Field::kPosition], p[Field::kDescription], p[Field::kBenefits], scratch, out);
}

void Annotator::AnnotateText(std::string_view title, std::string_view description, std::string_view benefits,
                             Scratch& s, Annotation* out) const {
  *out = Annotation();
  s.text.clear();
  s.sections.clear();
  s.raw.clear();
  // One buffer: title, description, benefits field, each on its own lines,
  // so one scan covers all and a term never spans two parts.
  auto append = [&](std::string_view part) {
    size_t start = s.text.size();
    AppendNormalizedText(part, s.text);
    if (s.t2s && s.text.size() > start) {
      std::string piece = s.text.substr(start);
      s.t2s->Convert(piece);
      s.text.resize(start);
      s.text += piece;
    }
    return start;
  };
  size_t title_begin = append(title);
  for (size_t i = title_begin; i < s.text.size(); ++i)
    if (s.text[i] == '\n') s.text[i] = ' ';
  s.sections.push_back({Section::kTitle, title_begin, s.text.size()});
  s.text.push_back('\n');
  size_t desc_begin = append(description);
  if (s.text.size() > desc_begin)
    SplitSections(std::string_view(s.text).substr(desc_begin), desc_begin, s.sections);
  s.text.push_back('\n');
  size_t ben_begin = append(benefits);
  if (s.text.size() > ben_begin) s.sections.push_back({Section::kBenefits, ben_begin, s.text.size()});

  matcher_->Scan(
      s.text, *s.matcher,
      [](void* ctx, uint32_t id, size_t begin, size_t end) {
        static_cast<Scratch*>(ctx)->raw.push_back({id, begin, end});
      },
      &s);
  // Vectorscan reports in order of end; keep the order of first occurrence.
  std::stable_sort(s.raw.begin(), s.raw.end(), [](const Scratch::Raw& a, const Scratch::Raw& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
  });

  const auto& terms = lexicon_.terms();
  bool strong = false, weak_in_title = false, any_ai = false;
  auto section_at = [&](size_t pos) {
    auto it = std::upper_bound(s.sections.begin(), s.sections.end(), pos,
                               [](size_t v, const SectionSpan& span) { return v < span.begin; });
    return it == s.sections.begin() ? Section::kBody : std::prev(it)->section;
  };
  for (const auto& span : s.sections) out->has_company_section |= span.section == Section::kCompany;
  std::vector<uint32_t> touched;
  for (const Scratch::Raw& r : s.raw) {
    const Term& t = terms[r.term];
    if (!Counts(t, s.text, r.begin, r.end)) continue;
    Section sec = section_at(r.begin);
    if (t.domain == Domain::kAi) {
      any_ai = true;
      bool in_scope = !(options_.skip_company_for_ai && sec == Section::kCompany);
      if (in_scope) {
        if (sec == Section::kTitle && (t.weak || t.title_only)) weak_in_title = true;
        if (!t.weak && (!t.title_only || sec == Section::kTitle)) strong = true;
      }
    } else if (options_.skip_company_for_skills && sec == Section::kCompany) {
      continue;
    }
    size_t d = static_cast<size_t>(t.domain);
    ++out->term_count[d];
    int32_t& slot = s.slot[r.term];
    if (slot >= 0) {
      ++out->terms[static_cast<size_t>(slot)].count;
      continue;
    }
    slot = static_cast<int32_t>(out->terms.size());
    touched.push_back(r.term);
    out->terms.push_back({r.term, sec, 1});
    out->groups[d].push_back(t.group);
  }
  for (uint32_t id : touched) s.slot[id] = -1;
  for (auto& g : out->groups) {
    std::sort(g.begin(), g.end());
    g.erase(std::unique(g.begin(), g.end()), g.end());
  }
  for (const TermHit& h : out->terms)
    if (terms[h.term].domain == Domain::kAi) out->ai_terms.push_back(h);
  if (options_.ai_rule == AiRule::kReport) {
    out->ai = any_ai;
    if (any_ai) out->ai_rule = "report.any_term";
  } else if (strong) {
    out->ai = true;
    out->ai_rule = "default.strong_term";
  } else if (weak_in_title) {
    out->ai = true;
    out->ai_rule = "default.weak_in_title";
  }
}

}  // namespace jobsift
