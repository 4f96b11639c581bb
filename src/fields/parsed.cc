#include "fields/parsed.h"

namespace jobsift {

std::string_view UnknownName(Unknown reason) {
  switch (reason) {
    case Unknown::kNone: return "none";
    case Unknown::kMissing: return "missing";
    case Unknown::kNegotiable: return "negotiable";
    case Unknown::kUnparseable: return "unparseable";
    case Unknown::kImplausible: return "implausible";
    case Unknown::kNotThisField: return "not_this_field";
    case Unknown::kNeedsReference: return "needs_reference";
    case Unknown::kPlaceholder: return "placeholder";
    case Unknown::kAmbiguous: return "ambiguous";
    case Unknown::kPieceRate: return "piece_rate";
  }
  return "unknown";
}

}  // namespace jobsift
