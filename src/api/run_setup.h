// What every command does before it reads and after: the public options
// turned into the stages' Config, the pieces built from it (annotators, the
// filter, table options), and the read's notes said on the Console.
#ifndef JOBSIFT_API_RUN_SETUP_H_
#define JOBSIFT_API_RUN_SETUP_H_

#include <memory>
#include <string>

#include "aggregate/cube.h"
#include "jobsift/console.h"
#include "jobsift/options.h"
#include "jobsift/status.h"
#include "lexicon/annotator.h"
#include "pipeline/config.h"
#include "pipeline/reader.h"
#include "report/tables.h"

namespace jobsift {

// The config file first, the options over it.
StatusOr<Config> MakeConfig(const RunOptions& run);

// `city` and `industry` read as the field normalisers read those fields, so
// 北京市 and 北京-朝阳区 mean 北京; a value they cannot place is an error, not
// an empty report.
StatusOr<CubeFilter> ResolveFilter(const FieldNormalizer& fields, const RunOptions& run);

TableOptions ToTableOptions(const TableChoices& choices);

StatusOr<std::unique_ptr<Annotator>> MakeAnnotator(const Config& config);
// An annotator that gives each posting its category and flags it under the
// run's definition (annotate, report); `config` gets the prepared classifier.
StatusOr<std::unique_ptr<Annotator>> MakeCategorizingAnnotator(Config* config);
// What the run's AI flag means (after PrepareClassifier).
AiFlagInfo FlagInfo(const Config& config);

// Says, once each, what the read left out or assumed (warnings: fields
// without a column, columns found by content, empty and skipped files) and
// the inputs it could not read (errors).
void SayReadNotes(const ReadSummary& s, Console& console);

// A run that accepted no posting at all has nothing to write: the line
// that says why (`what` is what is not written); "" when there are postings
// or the read's errors say more.
std::string NoPostingsLine(const ReadSummary& s, const char* what);

}  // namespace jobsift

#endif  // JOBSIFT_API_RUN_SETUP_H_
