// jobsift gen as a library call (jobsift/commands.h): synthetic postings
// with planted truth. The generator is built on the lexicons and tables the
// report will use, always with the default AI rule (its traps are traps for
// that rule).
#include <filesystem>

#include "api/run_setup.h"
#include "base/text.h"
#include "gen/generator.h"
#include "io/atomic_file.h"
#include "jobsift/commands.h"

namespace jobsift {

StatusOr<int> Gen(const RunOptions& run, const GenRequest& request, Console& console) {
  auto config = MakeConfig(run);
  if (!config.ok()) return config.status();
  config->annotate.ai_rule = AiRule::kDefault;
  config->annotate.skip_company_for_ai = true;
  GenOptions options;
  options.rows = request.rows;
  options.threads = run.threads;
  const std::string& output = request.output;
  std::string format = request.format;
  // The format follows the file's extension; a name that says another
  // format is refused rather than filled with CSV.
  std::string lower = AsciiLower(output);
  std::string from_name = EndsWith(lower, ".jsonl") || EndsWith(lower, ".ndjson") ? "jsonl"
                          : EndsWith(lower, ".csv")                            ? "csv"
                                                                                : "";
  // A name without an extension (/dev/null, a pipe) is CSV, as before.
  std::string base = std::filesystem::path(output).filename().string();
  if (from_name.empty() && base.find('.') == std::string::npos) from_name = output == "-" ? "" : "csv";
  if (format.empty()) format = output == "-" ? "csv" : from_name;
  if (format.empty())
    return InvalidArgument("gen -o " + output +
                           ": jobsift gen writes CSV (.csv) or JSON Lines (.jsonl); name the file so, or give "
                           "--format for stdout");
  if (!from_name.empty() && format != from_name)
    return InvalidArgument("gen -o " + output + " --format " + format + ": the name says " + from_name);
  if (format == "jsonl") {
    options.format = GenFormat::kJsonl;
  } else if (format != "csv") {
    return InvalidArgument("--format must be csv or jsonl");
  }
  auto normalizer = FieldNormalizer::Load(config->fields);
  if (!normalizer.ok()) return normalizer.status();
  auto annotator = MakeAnnotator(*config);
  if (!annotator.ok()) return annotator.status();
  auto gen = Generator::Create(annotator->get(), normalizer->get(), request.seed, request.rows);
  if (!gen.ok()) return gen.status();
  GenTruth truth;
  JOBSIFT_RETURN_IF_ERROR(
      GenerateFile(**gen, options, output, request.truth.empty() ? nullptr : &truth, run.cancel));
  if (!request.truth.empty())
    JOBSIFT_RETURN_IF_ERROR(
        WriteFileAtomic(request.truth, GenTruthJson(truth, ToTableOptions(request.tables), request.seed)));
  console.Say(Severity::kInfo, std::to_string(request.rows) + " rows -> " + output +
                                   (request.truth.empty() ? "" : ", truth -> " + request.truth));
  return kExitOk;
}

}  // namespace jobsift
