// `jobsift gen`: synthetic Chinese job postings at any scale, with planted
// truth. Every row is a pure function of (seed, row number), so the output
// is the same for any thread count and any row can be regenerated alone.
//
// What is planted, per posting: its quarter, city, industry, degree, company
// size, experience band (canonical values, written in the messy spellings
// the normalisers accept, in proportions like the real datasets), its pay
// (written as 1.2-2.2万, 15-25K·13薪, 10-15万/年, 300元/天 …, or 面议), whether
// it is an AI job, and the skill and benefit groups and AI terms its text
// mentions. The text is assembled from fragments (titles, duty and
// requirement clauses, benefit lists, company blurbs) whose lexicon footprint
// is measured once, when the generator is built, by annotating each fragment
// alone; a posting's planted groups and terms are the union of its
// fragments' footprints. AI postings are unambiguous AI jobs (an AI title and
// two or more strong AI terms in the duties); about one in ten other
// postings carries a trap that must not make it an AI job (AI in the company
// blurb, AI as a bonus item, PS/AI, Oracle, 智能制造, selling AI products,
// a control 算法). About 2% of rows re-post an earlier row within its
// half-year (an exact duplicate the report removes).
//
// The shares are calibrated to SPEC §3's published figures (gen/calibration.h)
// and allocated exactly rather than drawn at random: each quarter gets its
// share of the AI postings (rounded), each industry its share of the
// quarter's, each city its share of the industry's, and every other
// attribute its share of the quarter's, each through its own scattering
// permutation so that attributes do not line up. Even small slices (an
// industry's AI postings in one city) then match their targets at 1M rows,
// for any seed; the seed changes which posting gets what, and all wording.
//
// Not for: checking the classifier's judgement on hard cases (that is
// `jobsift eval` on hand-labelled real postings): planted AI postings and
// traps are clear-cut by construction.
#ifndef JOBSIFT_GEN_GENERATOR_H_
#define JOBSIFT_GEN_GENERATOR_H_

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "aggregate/contribution.h"
#include "fields/normalize.h"
#include "gen/calibration.h"
#include "jobsift/status.h"
#include "lexicon/annotator.h"
#include "report/tables.h"

namespace jobsift {

enum class GenColumn : uint8_t {
  kId, kDate, kPosition, kCity, kSalary, kDegree, kExperience, kCompanyName, kCompanySize, kCompanyIndus,
  kDescription, kCount
};
inline constexpr size_t kGenColumnCount = static_cast<size_t>(GenColumn::kCount);
// The header: SPEC §1's field names, and "id".
std::string_view GenColumnName(GenColumn c);

struct GenRow {
  std::array<std::string, kGenColumnCount> cells;
  // An exact re-post of an earlier row in the same half-year: the report
  // removes it, and `planted` is not counted.
  bool duplicate = false;
  // What the report must count for this posting (canonical dimension
  // values, AI flag, annual salary, groups and AI terms as the cube keys
  // them).
  Contribution planted;
  std::string_view trap;   // the trap a non-AI posting carries, "" for none
  bool any_ai_term = false;  // an AI term anywhere (the report rule's AI)
};

class Generator {
 public:
  // `annotator` and `fields` are the ones the report will use (same lexicons
  // and tables); not owned, must outlive the generator. Fails when the
  // lexicons cannot carry the calibration (a group with no usable term, a
  // trap that the annotator would call an AI job …), naming the problem.
  // `rows` is the file's length: the planted shares are allocated exactly
  // over it, so a row depends on (seed, rows, row number).
  static StatusOr<std::unique_ptr<Generator>> Create(const Annotator* annotator, const FieldNormalizer* fields,
                                                     uint64_t seed, uint64_t rows);

  // Row `i` (0-based, below `rows`). `out` is overwritten.
  void Make(uint64_t i, GenRow* out) const;

  const Calibration& calibration() const { return calibration_; }

  struct Fragment;
  struct Pools;
  struct Plan;
  ~Generator();

 private:
  Generator() = default;
  Status BuildVocabulary();
  void MakePlan(uint64_t rows);
  void MakeOriginal(uint64_t i, GenRow* out) const;
  uint64_t H(uint64_t i, uint64_t salt) const;

  const Annotator* annotator_ = nullptr;
  const FieldNormalizer* fields_ = nullptr;
  uint64_t seed_ = 0;
  Calibration calibration_;
  std::unique_ptr<Pools> pools_;
  std::unique_ptr<Plan> plan_;
};

// What a generated file should produce.
struct GenTruth {
  uint64_t rows = 0;
  uint64_t postings = 0;      // rows less duplicates
  uint64_t duplicates = 0;
  uint64_t ai_postings = 0;   // planted AI jobs (the default rule's count)
  uint64_t any_ai_term = 0;   // postings with an AI term anywhere (the report rule's count)
  uint64_t salary_unknown = 0;
  uint64_t city_unknown = 0;
  std::map<std::string, uint64_t> traps;  // by kind
  Cube cube;                              // the planted postings, in order
};

enum class GenFormat { kCsv, kJsonl };

struct GenOptions {
  uint64_t rows = 200000;
  GenFormat format = GenFormat::kCsv;
  int threads = 0;  // 0: all cores
};

// Writes rows [0, rows) to `path` ("-" for stdout) in order and fills
// `truth` (may be null). The bytes are the same for any thread count.
Status GenerateFile(const Generator& gen, const GenOptions& options, const std::string& path, GenTruth* truth,
                    const std::atomic<bool>* cancel);

// The truth file: counts, and every table the report must show (the same
// JSON as tables.json) built from the planted postings.
std::string GenTruthJson(const GenTruth& truth, const TableOptions& options, uint64_t seed);

}  // namespace jobsift

#endif  // JOBSIFT_GEN_GENERATOR_H_
