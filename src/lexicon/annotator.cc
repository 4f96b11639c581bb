#include "lexicon/annotator.h"

#include <algorithm>

#include "base/phrase_set.h"

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

// Strong AI terms in one clause from which on it reads as a list.
constexpr size_t kListClauseTerms = 5;

// The clause around [begin, end): up to the nearest separator either side
// (line break, 。 ; ! ? and commas, all folded to ASCII by normalisation).
std::string_view ClauseAround(std::string_view text, size_t begin, size_t end) {
  auto is_sep = [&](size_t i) {
    char c = text[i];
    if (c == '\n' || c == ';' || c == '!' || c == '?' || c == ',') return true;
    // 。 is E3 80 82
    return c == '\xE3' && i + 2 < text.size() && text[i + 1] == '\x80' && text[i + 2] == '\x82';
  };
  size_t b = begin;
  while (b > 0 && !is_sep(b - 1) && begin - b < 300) --b;
  size_t e = end;
  while (e < text.size() && !is_sep(e) && e - end < 300) ++e;
  return text.substr(b, e - b);
}

// Words that make a clause incidental: it offers the term as a plus, lists
// it among accepted majors, or asks only to use AI tools (a tool word and a
// use word): the lexicon's rule words marker.plus, marker.tool, marker.use.
// They are compiled into the same Vectorscan database as the terms, so
// finding them costs no extra pass.
enum class MarkerKind : uint8_t { kPlus, kTool, kUse };

// The byte sequences of raw text that normalisation (text/normalize.h) can
// turn into part of a term of `lexicon`: an entity's "&"; a full-width
// letter, digit or sign whose ASCII form some term uses; and, when some term
// has a space, whitespace that is folded (a tab, two spaces, U+00A0, U+3000).
// Full-width punctuation of Chinese prose (，：；（）！？) is in it only when a
// term uses the ASCII form.
std::vector<std::string> FormsNormalisationChanges(const Lexicon& lexicon) {
  std::array<bool, 128> used{};
  bool space = false;
  for (const Term& t : lexicon.terms()) {
    for (char c : t.folded) {
      if (static_cast<unsigned char>(c) < 0x80) used[static_cast<unsigned char>(Lower(c))] = true;
      space |= c == ' ';
    }
  }
  std::vector<std::string> forms = {"&"};
  for (unsigned c = 0x21; c < 0x7F; ++c) {
    if (!used[static_cast<unsigned char>(Lower(static_cast<char>(c)))]) continue;
    unsigned cp = 0xFEE0 + c;  // U+FF01 .. U+FF5E
    forms.push_back({static_cast<char>(0xE0 | (cp >> 12)), static_cast<char>(0x80 | ((cp >> 6) & 0x3F)),
                     static_cast<char>(0x80 | (cp & 0x3F))});
  }
  if (space) {
    for (const char* f : {"\t", "  ", "\xC2\xA0", "\xE3\x80\x80"}) forms.emplace_back(f);
  }
  return forms;
}

}  // namespace

std::string_view AiRuleName(AiRule r) { return r == AiRule::kReport ? "report" : "default"; }

StatusOr<AiRule> AiRuleFromName(std::string_view name) {
  if (name == "report") return AiRule::kReport;
  if (name == "default") return AiRule::kDefault;
  return InvalidArgument("rule must be \"default\" (the rules, = --classifier rules --ai-definition default) or "
                         "\"report\" (= --ai-definition report)");
}

Annotator::Scratch::~Scratch() = default;

Annotator::Annotator(Lexicon lexicon, AnnotateOptions options)
    : lexicon_(std::move(lexicon)),
      non_technical_(lexicon_.rules().title_non_technical),
      title_plus_(lexicon_.rules().title_plus),
      general_software_(lexicon_.rules().title_general_software),
      category_rules_(lexicon_.rules()),
      options_(options) {
  const RuleWords& w = lexicon_.rules();
  for (auto [list, kind] : {std::make_pair(&w.marker_plus, MarkerKind::kPlus),
                            std::make_pair(&w.marker_tool, MarkerKind::kTool),
                            std::make_pair(&w.marker_use, MarkerKind::kUse)})
    for (const std::string& text : *list) markers_.push_back({text, static_cast<uint8_t>(kind)});
}

// Titles of roles that sell, recruit, advise, design or assist: an AI word
// there names the product or the client, not the work. A title that offers
// AI as a plus ("Java开发（有AI项目经验优先）") names the wish, not the work.
bool Annotator::NonTechnicalTitle(std::string_view title) const {
  return non_technical_.AnyIn(title) || title_plus_.AnyIn(title);
}

// Titles of general software roles (Java, front end, full stack, testing,
// operations): AI words in their descriptions are mostly about the product
// or the team, so they need more evidence than other titles.
bool Annotator::GeneralSoftwareTitle(std::string_view title) const { return general_software_.AnyIn(title); }

StatusOr<std::unique_ptr<Annotator>> Annotator::Create(Lexicon lexicon, AnnotateOptions options) {
  std::unique_ptr<Annotator> a(new Annotator(std::move(lexicon), options));
  a->exclusions_.resize(a->lexicon_.terms().size());
  for (size_t id = 0; id < a->lexicon_.terms().size(); ++id) {
    const Term& t = a->lexicon_.terms()[id];
    for (const std::string& ex : t.excludes) {
      for (size_t k = ex.find(t.folded); k != std::string::npos; k = ex.find(t.folded, k + 1)) {
        // Keyed by the exclusion's byte just before the term (the last byte
        // of a character), or, when the term starts it, the third byte after
        // (the last of a Chinese character: its first is shared by
        // thousands), or the last there is.
        bool before = k > 0;
        size_t after = k + t.folded.size();
        if (!before && after >= ex.size()) continue;  // the term itself: refused by the loader
        uint8_t after_offset = before ? 0 : static_cast<uint8_t>(std::min<size_t>(2, ex.size() - after - 1));
        char key = before ? ex[k - 1] : ex[after + after_offset];
        a->exclusions_[id].push_back({&ex, k, before, after_offset, key});
      }
    }
    a->info_.push_back({t.group, t.domain, t.ascii_start, t.ascii_end, t.weak, t.title_only, t.case_sensitive,
                        !a->exclusions_[id].empty()});
  }
  a->ai_only_ = a->lexicon_.TermCount(Domain::kAi) == a->lexicon_.terms().size();
  std::vector<Matcher::Pattern> patterns;
  patterns.reserve(a->lexicon_.terms().size());
  for (const Term& t : a->lexicon_.terms()) patterns.push_back({t.folded, !t.case_sensitive});
  for (const Marker& m : a->markers_) patterns.push_back({m.text, true});
  // With AI terms alone, MayMatch decides on the raw text: one scan finds
  // both the terms and the forms that normalisation could turn into one.
  std::vector<std::string> forms = a->ai_only_ ? FormsNormalisationChanges(a->lexicon_) : std::vector<std::string>{};
  a->forms_begin_ = static_cast<uint32_t>(patterns.size());
  for (const std::string& f : forms) patterns.push_back({f, false});
  auto m = Matcher::Compile(patterns);
  if (!m.ok()) return m.status();
  a->matcher_ = std::move(*m);
  if (a->ai_only_) {
    // The same for descriptions under the default rule, with strong terms.
    std::vector<Matcher::Pattern> strong;
    for (size_t id = 0; id < a->lexicon_.terms().size(); ++id) {
      const Term& t = a->lexicon_.terms()[id];
      if (t.weak || t.title_only) continue;
      strong.push_back({t.folded, !t.case_sensitive});
      a->strong_term_ids_.push_back(static_cast<uint32_t>(id));
    }
    for (const std::string& f : forms) strong.push_back({f, false});  // never empty: "&" is one
    auto sm = Matcher::Compile(strong);
    if (!sm.ok()) return sm.status();
    a->strong_matcher_ = std::move(*sm);
  }
  if (options.traditional_to_simplified) {
    auto probe = SimplifiedChinese::Open();
    if (!probe.ok()) return probe.status();
  }
  return a;
}

std::unique_ptr<Annotator::Scratch> Annotator::NewScratch() const {
  auto s = std::make_unique<Scratch>();
  s->matcher = matcher_->NewScratch();
  if (strong_matcher_) s->strong = strong_matcher_->NewScratch();
  if (options_.categorize && options_.category_model) s->model = options_.category_model->NewScratch();
  if (options_.traditional_to_simplified) {
    auto t2s = SimplifiedChinese::Open();
    if (t2s.ok()) s->t2s = std::move(*t2s);
  }
  s->slot.assign(lexicon_.terms().size(), -1);
  return s;
}

bool Annotator::BoundariesHold(const TermInfo& t, std::string_view text, size_t begin, size_t end) {
  if (t.ascii_start && begin > 0 && IsAsciiAlnum(text[begin - 1])) return false;
  return !(t.ascii_end && end < text.size() && IsAsciiAlnum(text[end]));
}

bool Annotator::Counts(uint32_t id, std::string_view text, size_t begin, size_t end) const {
  const TermInfo& t = info_[id];
  if (!BoundariesHold(t, text, begin, end)) return false;
  if (!t.has_exclusions) return true;
  // Is one of the exclusions written around this match? Each is tried at
  // every offset where the term sits inside it (computed at start-up), and
  // compared only when its key byte is the text's (the lists are short: a
  // loop, not a search).
  auto fold = [&](char c) { return t.case_sensitive ? c : Lower(c); };
  for (const Exclusion& ex : exclusions_[id]) {
    if (ex.before ? (begin == 0 || fold(text[begin - 1]) != ex.key)
                  : (end + ex.after_offset >= text.size() || fold(text[end + ex.after_offset]) != ex.key))
      continue;
    if (begin < ex.offset || begin - ex.offset + ex.text->size() > text.size()) continue;
    if (EqualFolded(text.substr(begin - ex.offset, ex.text->size()), *ex.text, t.case_sensitive)) return false;
  }
  return true;
}

bool Annotator::MayMatch(std::string_view raw, Scratch& s, bool strong_only) const {
  // A term as it is in the raw text, with the word boundaries it needs
  // (exclusions are judged later, on the normalised text), or a form that
  // normalisation could turn into (part of) one. The raw text's boundaries
  // are the normalised text's or fewer: normalisation turns markup into
  // spaces and changes no letter or digit next to a term, except by
  // decoding an entity or folding a full-width form, which are such forms.
  // So "ML" inside "HTML" or "GAN" inside "organization" do not send a
  // description the long way.
  struct Found {
    const Annotator* a;
    std::string_view raw;
    bool strong_only;
    bool any = false;
  } found{this, raw, strong_only};
  const Matcher& m = strong_only ? *strong_matcher_ : *matcher_;
  m.Scan(
      raw, strong_only ? *s.strong : *s.matcher,
      [](void* ctx, uint32_t id, size_t begin, size_t end) {
        auto* f = static_cast<Found*>(ctx);
        const Annotator& a = *f->a;
        bool form = f->strong_only ? id >= a.strong_term_ids_.size() : id >= a.forms_begin_;
        if (!form) {
          if (f->strong_only) {
            id = a.strong_term_ids_[id];
          } else if (id >= a.info_.size()) {
            return true;  // a marker, not a term: scan on
          }
        }
        f->any = form || BoundariesHold(a.info_[id], f->raw, begin, end);
        return !f->any;  // the first that counts ends the scan
      },
      &found);
  return found.any;
}

size_t Annotator::AppendPart(std::string_view part, Scratch& s) const {
  size_t start = s.text.size();
  AppendNormalizedText(part, s.text);
  if (s.t2s && s.text.size() > start) {
    std::string piece = s.text.substr(start);
    s.t2s->Convert(piece);
    s.text.resize(start);
    s.text += piece;
  }
  return start;
}

void Annotator::AppendTitle(std::string_view title, Scratch& s) const {
  size_t begin = AppendPart(title, s);
  for (size_t i = begin; i < s.text.size(); ++i)
    if (s.text[i] == '\n') s.text[i] = ' ';
  s.sections.push_back({Section::kTitle, begin, s.text.size()});
  s.text.push_back('\n');
}

uint8_t Annotator::TitleVerdict(std::string_view title, Scratch& s) const {
  return s.titles.Get(title, [&](std::string_view t) {
    uint8_t v = 0;
    if (!MayMatch(t, s, false)) return v;
    v |= kTitleMayMatch;
    if (options_.decide_only && options_.ai_rule == AiRule::kDefault && !options_.categorize) {
      AppendTitle(t, s);
      if (TitleDecides(s)) v |= kTitleDecides;
      s.text.clear();
      s.sections.clear();
      s.raw.clear();
    }
    return v;
  });
}

bool Annotator::TitleDecides(Scratch& s) const {
  // s.text holds the title and its line break: Vectorscan finds in it
  // exactly the matches it finds there in the whole text, and boundaries
  // and exclusions read the same (no term or exclusion holds a line break).
  s.raw.clear();
  matcher_->ScanAll(s.text, *s.matcher, &s.raw);
  for (const Scratch::Raw& r : s.raw) {
    if (r.id >= info_.size()) continue;  // a marker or a form
    const TermInfo& t = info_[r.id];
    if (t.domain == Domain::kAi && !t.weak && Counts(r.id, s.text, r.begin, r.end))
      return !NonTechnicalTitle(
          std::string_view(s.text).substr(s.sections[0].begin, s.sections[0].end - s.sections[0].begin));
  }
  return false;
}

void Annotator::Annotate(const Posting& p, Scratch& scratch, Annotation* out) const {
  AnnotateText(p[Field::kPosition], p[Field::kDescription], p[Field::kBenefits], scratch, out);
}

void Annotator::AnnotateText(std::string_view title, std::string_view description, std::string_view benefits,
                             Scratch& s, Annotation* out) const {
  // Reuse the vectors' storage: this runs once per posting.
  out->ai = false;
  out->any_ai_term = false;
  out->ai_rule = {};
  out->category = AiCategory::kNone;
  out->category_rule = options_.categorize ? "category.no_ai_term" : "";
  out->category_features.clear();
  out->category_evidence.clear();
  out->ai_terms.clear();
  for (auto& g : out->groups) g.clear();
  out->term_count = {};
  out->terms.clear();
  out->has_company_section = false;
  s.text.clear();
  s.sections.clear();
  s.raw.clear();
  if (ai_only_ && !options_.traditional_to_simplified) {
    // No AI term can survive normalisation: not an AI posting. When only
    // the decision is wanted, the description needs a strong term (weak
    // ones there cannot make an AI job under the default rule), and a
    // title may decide alone.
    uint8_t title_verdict = TitleVerdict(title, s);
    if ((title_verdict & kTitleDecides) && !options_.categorize) {
      out->ai = true;
      out->ai_rule = "default.title_term";
      return;
    }
    // The default rule needs a strong term in the description; a category
    // may rest on weak ones too.
    bool strong_only = options_.decide_only && options_.ai_rule == AiRule::kDefault && !options_.categorize;
    if (!(title_verdict & kTitleMayMatch) && !MayMatch(description, s, strong_only) &&
        !MayMatch(benefits, s, strong_only))
      return;
  }
  // One buffer: title, description, benefits field, each on its own lines,
  // so one scan covers all and a term never spans two parts.
  AppendTitle(title, s);
  size_t desc_begin = AppendPart(description, s);
  if (s.text.size() > desc_begin)
    SplitSections(std::string_view(s.text).substr(desc_begin), desc_begin, lexicon_.headings(), s.sections);
  s.text.push_back('\n');
  size_t ben_begin = AppendPart(benefits, s);
  if (s.text.size() > ben_begin) s.sections.push_back({Section::kBenefits, ben_begin, s.text.size()});

  matcher_->ScanAll(s.text, *s.matcher, &s.raw);
  // Vectorscan reports in order of end; keep the order of first occurrence.
  // By end, the hits are nearly in order of beginning (terms are short), so
  // an insertion sort moves each a few places at most.
  auto before = [](const Scratch::Raw& a, const Scratch::Raw& b) {
    if (a.begin != b.begin) return a.begin < b.begin;
    return a.end != b.end ? a.end > b.end : a.id < b.id;
  };
  for (size_t i = 1; i < s.raw.size(); ++i) {
    Scratch::Raw r = s.raw[i];
    size_t j = i;
    for (; j > 0 && before(r, s.raw[j - 1]); --j) s.raw[j] = s.raw[j - 1];
    s.raw[j] = r;
  }

  const auto& terms = lexicon_.terms();
  bool any_ai = false;
  bool title_strong = false, title_weak = false;
  // Strong description terms; whether they count depends on their clause,
  // looked at only if the title does not decide.
  auto& candidates = s.candidates;
  candidates.clear();
  std::string_view title_text = std::string_view(s.text).substr(s.sections[0].begin, s.sections[0].end - s.sections[0].begin);
  int technical_title = -1;  // decided on the first AI term in the title

  // The section of a position: the last one beginning at or before it.
  // Hits come in order of position, so a cursor walks the sections once.
  size_t cursor = 0;
  auto section_at = [&](size_t pos) {
    while (cursor + 1 < s.sections.size() && s.sections[cursor + 1].begin <= pos) ++cursor;
    return pos < s.sections[0].begin ? Section::kBody : s.sections[cursor].section;
  };
  for (const auto& span : s.sections) out->has_company_section |= span.section == Section::kCompany;
  auto& touched = s.touched;
  touched.clear();
  auto& markers = s.markers;
  markers.clear();
  for (const Scratch::Raw& r : s.raw) {
    if (r.id >= forms_begin_) continue;  // a form MayMatch looks for ("&" of a decoded entity)
    if (r.id >= terms.size()) {  // a marker, not a term
      const Marker& m = markers_[r.id - terms.size()];
      unsigned char first = static_cast<unsigned char>(m.text[0]);
      bool ascii = first > 0 && first < 0x80;
      if (ascii && ((r.begin > 0 && IsAsciiAlnum(s.text[r.begin - 1])) ||
                    (r.end < s.text.size() && IsAsciiAlnum(s.text[r.end]))))
        continue;
      markers.push_back({static_cast<uint32_t>(m.kind), r.begin, r.end});
      continue;
    }
    const TermInfo& t = info_[r.id];
    if (!Counts(r.id, s.text, r.begin, r.end)) continue;
    Section sec = section_at(r.begin);
    if (t.domain == Domain::kAi) {
      any_ai = true;
      bool in_scope = !(options_.skip_company_for_ai && sec == Section::kCompany);
      if (in_scope && sec == Section::kTitle) {
        if (technical_title < 0) technical_title = NonTechnicalTitle(title_text) ? 0 : 1;
        if (technical_title == 1 && !t.weak) title_strong = true;
        if (technical_title == 1) title_weak = true;
      } else if (in_scope && !t.weak && !t.title_only) {
        candidates.push_back({r.id, r.begin, r.end});
      }
    } else if (options_.skip_company_for_skills && sec == Section::kCompany) {
      continue;
    }
    size_t d = static_cast<size_t>(t.domain);
    ++out->term_count[d];
    int32_t& slot = s.slot[r.id];
    if (slot >= 0) {
      ++out->terms[static_cast<size_t>(slot)].count;
      continue;
    }
    slot = static_cast<int32_t>(out->terms.size());
    touched.push_back(r.id);
    out->terms.push_back({r.id, sec, 1});
    out->groups[d].push_back(t.group);
  }
  for (uint32_t id : touched) s.slot[id] = -1;
  for (auto& g : out->groups) {
    std::sort(g.begin(), g.end());
    g.erase(std::unique(g.begin(), g.end()), g.end());
  }
  for (const TermHit& h : out->terms)
    if (info_[h.term].domain == Domain::kAi) out->ai_terms.push_back(h);
  // Description evidence: strong terms outside incidental clauses, and not
  // in a clause naming many AI fields at once (a list of majors, of the
  // site's job categories, of a team's areas), which describes no work.
  std::vector<uint32_t>& desc_strong = s.desc_strong;
  desc_strong.clear();
  const bool default_rule = options_.ai_rule == AiRule::kDefault || options_.categorize;
  if (default_rule && !title_strong) {
    auto& clause_of = s.clause_of;  // candidate -> clause start, or npos if incidental
    clause_of.clear();
    size_t cached_begin = 0, cached_end = 0;
    bool cached_incidental = false;
    for (const Scratch::Raw& c : candidates) {
      if (!(c.begin >= cached_begin && c.end <= cached_end && cached_end > 0)) {
        std::string_view clause = ClauseAround(s.text, c.begin, c.end);
        cached_begin = static_cast<size_t>(clause.data() - s.text.data());
        cached_end = cached_begin + clause.size();
        bool plus = false, tool = false, use = false;
        for (const Scratch::Raw& m : markers) {
          if (m.begin < cached_begin || m.end > cached_end) continue;
          plus |= m.id == static_cast<uint32_t>(MarkerKind::kPlus);
          tool |= m.id == static_cast<uint32_t>(MarkerKind::kTool);
          use |= m.id == static_cast<uint32_t>(MarkerKind::kUse);
        }
        cached_incidental = plus || (tool && use);
      }
      clause_of.push_back(cached_incidental ? std::string::npos : cached_begin);
    }
    for (size_t i = 0; i < candidates.size(); ++i) {
      if (clause_of[i] == std::string::npos) continue;
      size_t in_clause = 0;
      for (size_t j = 0; j < candidates.size(); ++j) in_clause += clause_of[j] == clause_of[i];
      if (in_clause >= kListClauseTerms) continue;
      uint32_t term = candidates[i].id;
      if (std::find(desc_strong.begin(), desc_strong.end(), term) == desc_strong.end()) desc_strong.push_back(term);
    }
  }
  // The default rule's verdict (under the report rule, any term).
  std::string_view verdict;
  if (title_strong) {
    verdict = "default.title_term";
  } else if (title_weak && !desc_strong.empty()) {
    verdict = "default.title_weak_confirmed";
  } else if (desc_strong.size() >= options_.min_description_terms &&
             // (the title's role is looked up only when it can matter)
             desc_strong.size() >= options_.min_description_terms + (GeneralSoftwareTitle(title_text) ? 1 : 0)) {
    verdict = "default.description_terms";
  }
  if (options_.categorize) {
    Categorize(title_text, !description.empty(), verdict, any_ai, s, out);
    // What made the flag: any term (report), else the default rule's verdict
    // where it fired, else what decided the category.
    if (out->ai) out->ai_rule = options_.definition.any_term ? "report.any_term"
                                : !verdict.empty()               ? verdict
                                                                 : out->category_rule;
    return;
  }
  if (options_.ai_rule == AiRule::kReport) {
    out->ai = any_ai;
    if (any_ai) out->ai_rule = "report.any_term";
  } else if (!verdict.empty()) {
    out->ai = true;
    out->ai_rule = verdict;
  }
}

void Annotator::Categorize(std::string_view title_text, bool has_description, std::string_view verdict, bool any_ai,
                           Scratch& s, Annotation* out) const {
  CategoryInput& in = s.category_input;
  in.title = title_text;
  in.duties = {};
  in.requirements = {};
  for (const SectionSpan& span : s.sections) {
    std::string_view text = std::string_view(s.text).substr(span.begin, span.end - span.begin);
    if (span.section == Section::kDuties && in.duties.empty()) in.duties = text;
    if (span.section == Section::kRequirements && in.requirements.empty()) in.requirements = text;
  }
  if (in.duties.empty())
    for (const SectionSpan& span : s.sections)
      if (span.section == Section::kBody) {
        in.duties = std::string_view(s.text).substr(span.begin, span.end - span.begin);
        break;
      }
  in.has_description = has_description;
  in.ai_hits.clear();
  for (const TermHit& h : out->ai_terms) {
    if (h.section == Section::kCompany) continue;
    const Term& t = lexicon_.terms()[h.term];
    in.ai_hits.push_back({t.text, lexicon_.groups()[t.group].name, h.section, t.weak});
  }
  in.rule = verdict;
  in.non_technical_title = NonTechnicalTitle(title_text);
  in.general_software_title = GeneralSoftwareTitle(title_text);
  const bool model = options_.category_method == CategoryMethod::kModel && options_.category_model;
  if (in.ai_hits.empty()) {
    // No AI term outside the company blurb: no AI work to judge.
    out->category = AiCategory::kNone;
    out->category_rule = "category.no_ai_term";
  } else if (model && (options_.explain || options_.keep_features)) {
    CategoryFeatures(in, &s.features);
    out->category = options_.category_model->Classify(s.features, nullptr);
    out->category_rule = "category.model";
    if (options_.explain) out->category_evidence = options_.category_model->Explain(s.features, out->category, 6);
  } else if (model) {
    out->category = options_.category_model->Classify(in, *s.model);
    out->category_rule = "category.model";
  } else {
    out->category = RulesCategory(in, category_rules_, &out->category_rule);
  }
  if (options_.keep_features) {
    if (!model || in.ai_hits.empty()) CategoryFeatures(in, &s.features);
    out->category_features = s.features;
  }
  out->any_ai_term = any_ai;
  out->ai = options_.definition.Flags(out->category, any_ai);
}

}  // namespace jobsift
