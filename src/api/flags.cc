// The command-line parser of jobsift/flags.h.
#include "jobsift/flags.h"

#include <algorithm>
#include <charconv>
#include <utility>

namespace jobsift {
namespace {

constexpr size_t kHelpWidth = 100;  // where --help wraps its lines
constexpr size_t kNameColumn = 30;  // the widest name column before help moves to its own line

// Display columns of UTF-8 text: a CJK character takes two.
size_t Columns(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if ((c & 0xC0) == 0x80) continue;  // a continuation byte
    n += c >= 0xE0 ? 2 : 1;            // three bytes and up: CJK, wide
  }
  return n;
}

// `text` wrapped at spaces to lines of kHelpWidth columns, each after
// `indent` spaces; the first line continues a row already `used` wide.
std::string Wrap(std::string_view text, size_t indent, size_t used) {
  std::string out;
  size_t width = used;
  for (size_t at = 0; at < text.size();) {
    size_t space = std::min(text.find(' ', at), text.size());
    std::string_view word = text.substr(at, space - at);
    at = space + 1;
    if (width > indent && width + 1 + Columns(word) > kHelpWidth) {
      out += "\n" + std::string(indent, ' ');
      width = indent;
    } else if (width > indent) {
      out += ' ';
      ++width;
    }
    out += word;
    width += Columns(word);
  }
  return out;
}

}  // namespace

StatusOr<int64_t> ParseWholeNumber(std::string_view text, int64_t lo, int64_t hi) {
  int64_t n = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (text.empty() || error == std::errc::invalid_argument || end != text.data() + text.size())
    return InvalidArgument(std::string("'").append(text).append("' is not a whole number"));
  if (error == std::errc::result_out_of_range || n < lo || n > hi) {
    std::string why(text);
    why.append(" is not in range ").append(std::to_string(lo)).append(" to ").append(std::to_string(hi));
    return InvalidArgument(why);
  }
  return n;
}

std::string DidYouMean(std::string_view word, const std::vector<std::string>& names) {
  std::string best;
  size_t best_d = std::max<size_t>(2, word.size() / 3) + 1;
  for (const std::string& n : names) {
    std::vector<size_t> row(n.size() + 1);  // Levenshtein, one row at a time
    for (size_t j = 0; j <= n.size(); ++j) row[j] = j;
    for (size_t i = 1; i <= word.size(); ++i) {
      size_t diagonal = row[0]++;
      for (size_t j = 1; j <= n.size(); ++j)
        diagonal = std::exchange(row[j], std::min({row[j] + 1, row[j - 1] + 1, diagonal + (word[i - 1] != n[j - 1])}));
    }
    if (row.back() < best_d || (row.back() == best_d && !best.empty() && n < best)) best_d = row.back(), best = n;
  }
  return best.empty() ? "" : ": did you mean '" + best + "'?";
}

CommandLine::CommandLine(std::string name, std::string about)
    : name_(name), path_(std::move(name)), about_(std::move(about)) {}

CommandLine& CommandLine::Command(std::string name, std::string about) {
  auto command = std::make_unique<CommandLine>(std::move(name), std::move(about));
  command->path_ = path_ + " " + command->name_;
  commands_.push_back(std::move(command));
  return *commands_.back();
}

CommandLine::Arg& CommandLine::AddOption(std::string names, std::string value_name, std::string help,
                                         std::function<Status(const std::string&)> store) {
  auto arg = std::make_unique<Arg>();
  for (size_t at = 0; at <= names.size();) {
    size_t comma = std::min(names.find(',', at), names.size());
    arg->names_.push_back(names.substr(at, comma - at));
    at = comma + 1;
  }
  arg->value_name_ = std::move(value_name);
  arg->help_ = std::move(help);
  arg->store_ = std::move(store);
  args_.push_back(std::move(arg));
  return *args_.back();
}

CommandLine::Arg& CommandLine::AddPositional(std::string name, bool many, std::string help,
                                             std::function<Status(const std::string&)> store) {
  Arg& arg = AddOption(std::move(name), "", std::move(help), std::move(store));
  arg.positional_ = true;
  arg.many_ = many;
  return arg;
}

CommandLine::Arg& CommandLine::Text(std::string names, std::string* to, std::string help) {
  return AddOption(std::move(names), "TEXT", std::move(help), [to](const std::string& v) {
    *to = v;
    return Status::Ok();
  });
}

CommandLine::Arg& CommandLine::Switch(std::string names, bool* to, std::string help) {
  return AddOption(std::move(names), "", std::move(help), [to](const std::string&) {
    *to = true;
    return Status::Ok();
  });
}

CommandLine::Arg& CommandLine::Word(std::string name, std::string* to, std::string help) {
  return AddPositional(std::move(name), false, std::move(help), [to](const std::string& v) {
    *to = v;
    return Status::Ok();
  });
}

CommandLine::Arg& CommandLine::Words(std::string name, std::vector<std::string>* to, std::string help) {
  return AddPositional(std::move(name), true, std::move(help), [to](const std::string& v) {
    to->push_back(v);
    return Status::Ok();
  });
}

Status CommandLine::Parse(int argc, const char* const* argv, std::string* answer) {
  answer->clear();
  std::vector<std::string> words(argv + std::min(argc, 1), argv + std::max(argc, 1));
  return ParseFrom(words, 0, answer);
}

Status CommandLine::Refuse(const std::string& why) const {
  size_t space = path_.find(' ');
  std::string command = space == std::string::npos ? "" : path_.substr(space + 1) + ": ";
  return InvalidArgument(command + why + " (see " + path_ + " --help)");
}

std::vector<std::string> CommandLine::OptionNames() const {
  std::vector<std::string> names = {"--help"};
  for (const auto& arg : args_)
    if (!arg->positional_) names.insert(names.end(), arg->names_.begin(), arg->names_.end());
  return names;
}

Status CommandLine::Store(Arg& arg, const std::string& shown_name, const std::string& value) {
  if (arg.seen_ && !arg.many_) return Refuse(shown_name + " given twice");
  arg.seen_ = true;
  if (arg.check_) {
    std::string why = arg.check_(value);
    if (!why.empty()) return Refuse(shown_name + ": " + why);
  }
  Status stored = arg.store_(value);
  return stored.ok() ? stored : Refuse(shown_name + ": " + stored.message());
}

Status CommandLine::ParseFrom(const std::vector<std::string>& words, size_t at, std::string* answer) {
  chosen_ = true;
  bool options_ended = false;
  for (size_t i = at; i < words.size(); ++i) {
    const std::string& word = words[i];
    if (!options_ended && word == "--") {
      options_ended = true;
      continue;
    }
    if (!options_ended && (word == "--help" || word == "-h")) {
      *answer = Help();
      return Status::Ok();
    }
    if (!options_ended && word == "--version" && !version_.empty()) {
      *answer = version_ + "\n";
      return Status::Ok();
    }
    if (!options_ended && word.size() > 1 && word[0] == '-') {
      // --name=value, --name value, -nvalue, -n value
      bool long_form = word[1] == '-';
      size_t eq = long_form ? word.find('=') : std::string::npos;
      std::string name = long_form ? word.substr(0, eq) : word.substr(0, 2);
      Arg* arg = nullptr;
      for (const auto& a : args_)
        if (!a->positional_ && std::find(a->names_.begin(), a->names_.end(), name) != a->names_.end()) arg = a.get();
      if (arg == nullptr)
        return Refuse("unknown option '" + name + "'" + DidYouMean(name, OptionNames()));
      bool attached = long_form ? eq != std::string::npos : word.size() > 2;
      std::string attached_value = !attached ? "" : long_form ? word.substr(eq + 1) : word.substr(2);
      if (arg->value_name_.empty()) {
        if (attached) return Refuse(name + " takes no value");
        JOBSIFT_RETURN_IF_ERROR(Store(*arg, name, ""));
        continue;
      }
      if (!attached && (i + 1 == words.size() || words[i + 1].rfind("--", 0) == 0))
        return Refuse(name + " needs a value");
      JOBSIFT_RETURN_IF_ERROR(Store(*arg, arg->names_.front(), attached ? attached_value : words[++i]));
      continue;
    }
    if (!commands_.empty()) {  // a word here names a command
      std::vector<std::string> names;
      for (const auto& c : commands_) {
        if (c->name_ == word) return c->ParseFrom(words, i + 1, answer);
        names.push_back(c->name_);
      }
      std::string list;
      for (const std::string& n : names) list += (list.empty() ? "" : ", ") + n;
      Status refused = Refuse("unknown command '" + word + "'" + DidYouMean(word, names));
      std::string message = refused.message();
      return InvalidArgument(message.insert(message.rfind(" (see ") + 2, "the commands: " + list + "; "));
    }
    Arg* next = nullptr;
    for (const auto& a : args_)
      if (a->positional_ && (!a->seen_ || a->many_)) {
        next = a.get();
        break;
      }
    if (next == nullptr) return Refuse("unexpected argument '" + word + "'");
    JOBSIFT_RETURN_IF_ERROR(Store(*next, next->names_.front(), word));
  }
  if (needs_command_) {
    std::string list;
    for (const auto& c : commands_) list += (list.empty() ? "" : ", ") + c->name_;
    return Refuse("a command is required: " + list);
  }
  for (const auto& a : args_)
    if (a->required_ && !a->seen_) return Refuse(a->names_.front() + " is required");
  return Status::Ok();
}

std::string CommandLine::Help() const {
  std::string out = path_ + ": " + about_ + "\n\nUsage: " + path_;
  if (!commands_.empty()) out += " COMMAND";
  out += " [options]";
  for (const auto& a : args_)
    if (a->positional_)
      out.append(a->required_ ? " " : " [").append(a->names_.front()).append(a->many_ ? "..." : "").append(a->required_ ? "" : "]");
  out += "\n";
  auto row = [&out](const std::string& left, const std::string& help) {
    out += "  " + left;
    size_t used = 2 + Columns(left);
    if (used + 2 > kNameColumn) {
      out += "\n" + std::string(kNameColumn, ' ');
      used = kNameColumn;
    } else {
      out += std::string(kNameColumn - used, ' ');
      used = kNameColumn;
    }
    out += Wrap(help, kNameColumn, used) + "\n";
  };
  if (!commands_.empty()) {
    out += "\nCommands:\n";
    for (const auto& c : commands_) row(c->name_, c->about_);
    out += "\nSee " + path_ + " COMMAND --help for a command's options.\n";
  }
  bool any = false;
  for (const auto& a : args_)
    if (a->positional_) {
      if (!any) out += "\nArguments:\n";
      any = true;
      row(a->names_.front(), a->help_ + (a->required_ ? " (required)" : ""));
    }
  out += "\nOptions:\n";
  row("-h, --help", "Print this help and exit");
  if (!version_.empty()) row("--version", "Print the version and exit");
  for (const auto& a : args_) {
    if (a->positional_) continue;
    std::vector<std::string> names = a->names_;
    std::stable_sort(names.begin(), names.end(), [](const std::string& x, const std::string& y) {
      return (x.rfind("--", 0) != 0) > (y.rfind("--", 0) != 0);  // short names first
    });
    std::string left;
    for (const std::string& n : names) left.append(left.empty() ? "" : ", ").append(n);
    if (!a->value_name_.empty()) left += " " + a->value_name_;
    row(left, a->help_ + (a->required_ ? " (required)" : ""));
  }
  return out;
}

}  // namespace jobsift
