#include "pipeline/partial_report.h"

#include <cstring>

#include "base/bytes.h"

namespace jobsift {
namespace {

constexpr char kMagic[] = "JOBSIFT-PART\n";
constexpr size_t kMagicLen = sizeof(kMagic) - 1;

}  // namespace

std::string SavePartial(const PartialCounts& p) {
  ByteWriter out;
  out.Bytes(kMagic, kMagicLen);
  out.U64(kPartialVersion);
  SaveStateInfo(p.info, out);
  p.job->Save(out);
  out.U64(out.hash());
  return std::move(out.bytes());
}

StatusOr<PartialCounts> LoadPartial(std::string_view bytes) {
  auto bad = [](const std::string& what) { return DataError("not a usable partial report (" + what + ")"); };
  ByteReader in(bytes);
  char magic[kMagicLen];
  if (!in.Bytes(magic, kMagicLen) || std::memcmp(magic, kMagic, kMagicLen) != 0) return bad("no partial report header");
  uint64_t version;
  if (!in.U64(&version)) return bad("truncated");
  if (version != kPartialVersion)
    return DataError("a partial report of version " + std::to_string(version) + ", this jobsift reads version " +
                     std::to_string(kPartialVersion) + ": run every part with the same jobsift");
  PartialCounts p;
  if (!LoadStateInfo(in, &p.info)) return bad("damaged run facts");
  p.job = std::make_unique<ReportJob>(nullptr, nullptr, Dedup::kNone);
  if (!p.job->Load(in)) return bad("damaged counts");
  uint64_t expected = in.hash(), stored;
  if (!in.U64(&stored)) return bad("truncated");
  if (stored != expected) return bad("checksum mismatch");
  if (in.left() != 0) return bad("trailing bytes");
  return p;
}

Status AddPartial(PartialCounts& into, const PartialCounts& later) {
  const StateInfo& a = into.info;
  const StateInfo& b = later.info;
  if (a.lexicon_checksum != b.lexicon_checksum)
    return DataError("partial reports made with other lexicons (checksum " + b.lexicon_checksum + ", not " +
                     a.lexicon_checksum + ")");
  if (a.ai != b.ai || a.dedup != b.dedup)
    return DataError("partial reports made with AI definition " + b.ai.Label() + " and dedup '" + b.dedup +
                     "', unlike the first (" + a.ai.Label() + ", '" + a.dedup + "')");
  if (a.salary != b.salary) return DataError("partial reports made with other salary conventions ([salary] in the config)");
  const CubeFilter& fa = into.job->cube().filter();
  const CubeFilter& fb = later.job->cube().filter();
  if (fa.city != fb.city || fa.industry != fb.industry)
    return DataError("partial reports of other filters (city '" + fb.city + "', industry '" + fb.industry +
                     "', not '" + fa.city + "', '" + fa.industry + "')");
  into.info.read.Add(b.read);
  into.info.notes.Add(b.notes);
  into.job->MergeFrom(*later.job);
  return Status::Ok();
}

}  // namespace jobsift
