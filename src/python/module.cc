// _jobsift: the library's public API (include/jobsift/) for Python. The
// package around it (jobsift/ at the repository root) turns what this
// returns into pandas objects; this file only converts values, releases
// the GIL while the library works, and turns a Status into an exception.
//
// Every function takes the run's options as a dict of RunOptions' fields
// (RunKeys() lists them); an unknown key is an error naming the valid ones.
#include <pybind11/functional.h>
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <atomic>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <exception>
#include <functional>
#include <limits>
#include <stdexcept>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

#include "jobsift/annotate.h"
#include "jobsift/partial.h"
#include "jobsift/report.h"
#include "jobsift/views.h"
#include "jobsift/version.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace py = pybind11;

namespace jobsift {
namespace {

std::string_view CodeName(StatusCode c) {
  switch (c) {
    case StatusCode::kOk: return "ok";
    case StatusCode::kInvalidArgument: return "invalid_argument";
    case StatusCode::kNotFound: return "not_found";
    case StatusCode::kIoError: return "io_error";
    case StatusCode::kDataError: return "data_error";
    case StatusCode::kInterrupted: return "interrupted";
    case StatusCode::kInternal: return "internal";
  }
  return "internal";
}

// The exception every failed Status becomes: args (code name, message).
// jobsift/__init__.py raises the matching jobsift.Error subclass.
py::object& StatusErrorType() {
  static py::object type;
  return type;
}

[[noreturn]] void Raise(const Status& s) {
  py::object error = StatusErrorType()(std::string(CodeName(s.code())), s.message());
  PyErr_SetObject(StatusErrorType().ptr(), error.ptr());
  throw py::error_already_set();
}

template <typename T>
T ValueOrRaise(StatusOr<T>&& v) {
  if (!v.ok()) Raise(v.status());
  return std::move(*v);
}

// A command's failure: the error lines it said (what could not be read,
// and why), then its Status's message when that is not one of them.
[[noreturn]] void Raise(const Status& s, const std::vector<std::string>& said) {
  std::string message;
  bool included = false;
  for (const std::string& line : said) {
    message += (message.empty() ? "" : "\n") + line;
    included |= line == s.message();
  }
  if (!included) message += (message.empty() ? "" : "\n") + s.message();
  Raise(Status(s.code(), message));
}

// ---------------------------------------------------------------------------
// Options

template <typename T>
T As(const py::handle& value, const std::string& key, const char* what) {
  try {
    return value.cast<T>();
  } catch (const py::cast_error&) {
    throw py::type_error("option '" + key + "' must be " + what + ", not " +
                         std::string(py::str(py::type::of(value).attr("__name__"))));
  }
}

using Setter = void (*)(RunOptions&, const std::string&, const py::handle&);

const std::map<std::string, Setter>& RunKeys() {
  static const std::map<std::string, Setter> keys = {
      {"inputs", [](RunOptions& r, const std::string& k, const py::handle& v) {
         r.inputs = As<std::vector<std::string>>(v, k, "a list of paths");
       }},
      {"inputs_found_in_folder", [](RunOptions& r, const std::string& k, const py::handle& v) {
         r.inputs_found_in_folder = As<bool>(v, k, "True or False");
       }},
      {"config", [](RunOptions& r, const std::string& k, const py::handle& v) { r.config_path = As<std::string>(v, k, "a path"); }},
      {"threads", [](RunOptions& r, const std::string& k, const py::handle& v) {
         int n = As<int>(v, k, "an integer");
         if (n < 0 || n > 256) throw py::value_error("threads must be between 1 and 256 (0 or None: all cores)");
         r.threads = n;
       }},
      {"delimiter", [](RunOptions& r, const std::string& k, const py::handle& v) { r.delimiter = As<std::string>(v, k, "a string"); }},
      {"encoding", [](RunOptions& r, const std::string& k, const py::handle& v) { r.encoding = As<std::string>(v, k, "a string"); }},
      {"max_field_bytes", [](RunOptions& r, const std::string& k, const py::handle& v) {
         r.max_field_bytes = As<size_t>(v, k, "a positive integer");
       }},
      {"max_record_bytes", [](RunOptions& r, const std::string& k, const py::handle& v) {
         r.max_record_bytes = As<size_t>(v, k, "a positive integer");
       }},
      {"rejects", [](RunOptions& r, const std::string& k, const py::handle& v) { r.rejects_path = As<std::string>(v, k, "a path"); }},
      {"data_dir", [](RunOptions& r, const std::string& k, const py::handle& v) { r.data_dir = As<std::string>(v, k, "a path"); }},
      {"reference_date", [](RunOptions& r, const std::string& k, const py::handle& v) {
         r.reference_date = As<std::string>(v, k, "a date such as '2024-06-30'");
       }},
      {"lexicon_set", [](RunOptions& r, const std::string& k, const py::handle& v) { r.lexicon_set = As<std::string>(v, k, "a path"); }},
      {"lexicons", [](RunOptions& r, const std::string& k, const py::handle& v) { r.lexicon_overlay = As<std::string>(v, k, "a path"); }},
      {"definition", [](RunOptions& r, const std::string& k, const py::handle& v) {
         r.ai_definition = As<std::string>(v, k, "a definition name");
       }},
      {"classifier", [](RunOptions& r, const std::string& k, const py::handle& v) { r.classifier = As<std::string>(v, k, "'model' or 'rules'"); }},
      {"category_model", [](RunOptions& r, const std::string& k, const py::handle& v) {
         r.category_model = As<std::string>(v, k, "a path");
       }},
      {"ai_rule", [](RunOptions& r, const std::string& k, const py::handle& v) { r.ai_rule = As<std::string>(v, k, "'default' or 'report'"); }},
      {"t2s", [](RunOptions& r, const std::string& k, const py::handle& v) { r.traditional_to_simplified = As<bool>(v, k, "True or False"); }},
      {"city", [](RunOptions& r, const std::string& k, const py::handle& v) { r.city = As<std::string>(v, k, "a city name"); }},
      {"industry", [](RunOptions& r, const std::string& k, const py::handle& v) { r.industry = As<std::string>(v, k, "an industry name"); }},
  };
  return keys;
}

using TableSetter = void (*)(TableChoices&, const std::string&, const py::handle&);

const std::map<std::string, TableSetter>& TableKeys() {
  static const std::map<std::string, TableSetter> keys = {
      {"half", [](TableChoices& t, const std::string& k, const py::handle& v) {
         t.half = As<std::string>(v, k, "a half-year such as '2024H1'");
         if (t.half.size() != 6 || t.half[4] != 'H' || (t.half[5] != '1' && t.half[5] != '2'))
           throw py::value_error("half must have the form 2024H1, not '" + t.half + "'");
       }},
      {"min_n", [](TableChoices& t, const std::string& k, const py::handle& v) { t.min_n = As<uint64_t>(v, k, "a count"); }},
      {"top_cities", [](TableChoices& t, const std::string& k, const py::handle& v) {
         t.top_cities = As<size_t>(v, k, "a count");
         if (t.top_cities < 1 || t.top_cities > 1000) throw py::value_error("top_cities must be between 1 and 1000");
       }},
      {"top_industries", [](TableChoices& t, const std::string& k, const py::handle& v) {
         t.top_industries = As<size_t>(v, k, "a count");
         if (t.top_industries < 1 || t.top_industries > 1000) throw py::value_error("top_industries must be between 1 and 1000");
       }},
  };
  return keys;
}

std::string KeyList() {
  std::string all;
  for (const auto& [k, _] : RunKeys()) all += (all.empty() ? "" : ", ") + k;
  for (const auto& [k, _] : TableKeys()) all += ", " + k;
  return all + ", dedup";
}

// RunOptions and TableChoices from `options`; "dedup" into `dedup` when
// given. None means the default, like a flag not given.
void ReadOptions(const py::dict& options, RunOptions& run, TableChoices* tables, std::string* dedup) {
  for (const auto& [key_handle, value] : options) {
    std::string key = py::str(key_handle);
    if (value.is_none()) continue;
    if (auto r = RunKeys().find(key); r != RunKeys().end()) {
      r->second(run, key, value);
    } else if (auto t = TableKeys().find(key); tables != nullptr && t != TableKeys().end()) {
      t->second(*tables, key, value);
    } else if (key == "dedup" && dedup != nullptr) {
      *dedup = As<std::string>(value, key, "'exact' or 'none'");
    } else {
      throw py::type_error("unknown option '" + key + "' (the options: " + KeyList() + ")");
    }
  }
}

// ---------------------------------------------------------------------------
// Messages and progress

// Collects a command's messages (warnings about the inputs, the closing
// line) for Python to show as it likes; Out() text is kept too.
class CollectingConsole : public Console {
 public:
  Status Out(std::string_view text) override {
    std::lock_guard<std::mutex> lock(mu_);
    out_.append(text);
    return Status::Ok();
  }
  void Say(Severity s, const std::string& line) override {
    std::lock_guard<std::mutex> lock(mu_);
    for (const auto& [severity, said] : messages_)
      if (s == Severity::kError && said == line) return;  // an error once
    messages_.emplace_back(s, line);
  }
  std::vector<std::string> Errors() const {
    std::lock_guard<std::mutex> lock(mu_);
    std::vector<std::string> out;
    for (const auto& [s, line] : messages_)
      if (s == Severity::kError) out.push_back(line);
    return out;
  }
  py::list Messages() const {
    std::lock_guard<std::mutex> lock(mu_);
    py::list out;
    for (const auto& [s, line] : messages_)
      out.append(py::make_tuple(s == Severity::kError ? "error" : s == Severity::kWarning ? "warning" : "info", line));
    return out;
  }

 private:
  mutable std::mutex mu_;
  std::string out_;
  std::vector<std::pair<Severity, std::string>> messages_;
};

// Runs `work` with the GIL released. While it reads, progress goes to
// `callback` (a Python callable taking a dict, or None), and Ctrl-C (or an
// exception the callback raises) stops the run at the next chunk: the
// library's cancel flag is set, and the Python error is raised once the
// library has returned.
template <typename Work>
auto WithoutGil(RunOptions& run, const py::object& callback, Work&& work) {
  auto cancel = std::make_shared<std::atomic<bool>>(false);
  auto error = std::make_shared<std::optional<py::error_already_set>>();
  run.cancel = cancel.get();
  run.progress = false;
  run.on_progress = [cancel, error, callback](const ProgressUpdate& u) {
    py::gil_scoped_acquire gil;
    if (cancel->load()) return;
    try {
      if (PyErr_CheckSignals() != 0) throw py::error_already_set();
      if (!callback.is_none()) {
        py::dict d;
        d["bytes_read"] = u.bytes_read;
        d["bytes_total"] = u.bytes_total == 0 ? py::object(py::none()) : py::int_(u.bytes_total);
        d["rows_read"] = u.rows_read;
        d["seconds"] = u.seconds;
        d["done"] = u.done;
        callback(d);
      }
    } catch (py::error_already_set& e) {
      *error = std::move(e);
      cancel->store(true);
    }
  };
  auto result = [&] {
    py::gil_scoped_release release;
    return work();
  }();
  run.on_progress = nullptr;
  if (error->has_value()) {
    (*error)->restore();
    throw py::error_already_set();
  }
  return result;
}

// ---------------------------------------------------------------------------
// Annotations, column by column

// One column of annotations as it fills: strings as codes into a
// dictionary (most columns repeat a few values), numbers and flags in an
// array with a mask, lists as lists. Only the first known cell's kind is
// stored; an integer column that meets a number becomes a number column,
// and any other mix is a library error.
class ColumnBuilder {
 public:
  void Add(AnnotationCell&& cell) {
    size_t row = mask_.size();
    mask_.push_back(cell.index() == 0 ? 1 : 0);
    Kind k = static_cast<Kind>(cell.index());
    if (k != Kind::kNone && kind_ == Kind::kNone) kind_ = k;
    if (k == Kind::kDouble && kind_ == Kind::kInt) {  // integers and numbers: numbers
      doubles_.assign(ints_.begin(), ints_.end());
      for (size_t i = 0; i < doubles_.size(); ++i)
        if (mask_[i]) doubles_[i] = std::numeric_limits<double>::quiet_NaN();
      ints_.clear();
      kind_ = Kind::kDouble;
    }
    if (k == Kind::kInt && kind_ == Kind::kDouble) {
      cell = static_cast<double>(std::get<int64_t>(cell));
      k = Kind::kDouble;
    }
    if (k != Kind::kNone && k != kind_) {
      mixed_ = true;
      cell = std::monostate{};
      k = Kind::kNone;
    }
    switch (kind_) {
      case Kind::kNone: break;
      case Kind::kString: {
        codes_.resize(row + 1, -1);
        if (k == Kind::kNone) break;
        auto& s = std::get<std::string>(cell);
        auto [it, added] = dictionary_.try_emplace(s, static_cast<int32_t>(categories_.size()));
        if (added) categories_.push_back(s);
        codes_[row] = it->second;
        break;
      }
      case Kind::kInt: ints_.resize(row + 1, 0); if (k != Kind::kNone) ints_[row] = std::get<int64_t>(cell); break;
      case Kind::kDouble:
        doubles_.resize(row + 1, std::numeric_limits<double>::quiet_NaN());
        if (k != Kind::kNone) doubles_[row] = std::get<double>(cell);
        break;
      case Kind::kBool: bools_.resize(row + 1, 0); if (k != Kind::kNone) bools_[row] = std::get<bool>(cell); break;
      case Kind::kList:
        lists_.resize(row + 1);
        if (k != Kind::kNone) lists_[row] = std::move(std::get<std::vector<std::string>>(cell));
        break;
    }
  }

  // ("string", codes, categories), ("int", values, mask), ("float",
  // values), ("bool", values, mask), ("list", lists) or ("empty",) for a
  // column without a known cell.
  py::tuple Finish() {
    if (mixed_) throw std::logic_error("an annotation column mixes kinds of value");
    auto n = static_cast<py::ssize_t>(mask_.size());
    py::array_t<bool> mask(n, reinterpret_cast<const bool*>(mask_.data()));
    switch (kind_) {
      case Kind::kNone: return py::make_tuple("empty");
      case Kind::kString: return py::make_tuple("string", py::array_t<int32_t>(n, codes_.data()), py::cast(categories_));
      case Kind::kInt: return py::make_tuple("int", py::array_t<int64_t>(n, ints_.data()), mask);
      case Kind::kDouble: return py::make_tuple("float", py::array_t<double>(n, doubles_.data()));
      case Kind::kBool: return py::make_tuple("bool", py::array_t<bool>(n, reinterpret_cast<const bool*>(bools_.data())), mask);
      case Kind::kList: {
        py::list lists;
        for (py::ssize_t i = 0; i < n; ++i)
          lists.append(mask_[i] ? py::object(py::none()) : py::object(py::cast(lists_[i])));
        return py::make_tuple("list", lists);
      }
    }
    return py::make_tuple("empty");
  }

 private:
  enum class Kind { kNone = 0, kString = 1, kInt = 2, kDouble = 3, kBool = 4, kList = 5 };  // AnnotationCell's indexes
  Kind kind_ = Kind::kNone;
  bool mixed_ = false;
  std::vector<uint8_t> mask_;  // 1 = unknown
  std::vector<int32_t> codes_;
  std::vector<int64_t> ints_;
  std::vector<double> doubles_;
  std::vector<uint8_t> bools_;
  std::vector<std::vector<std::string>> lists_;
  std::unordered_map<std::string, int32_t> dictionary_;
  std::vector<std::string> categories_;
};

// The annotations of `options["inputs"]`: (columns, input columns,
// messages, exit code), columns as ColumnBuilder::Finish gives them, in
// AnnotationColumns() order; input columns as lists of str or None.
py::tuple AnnotateInputs(const py::dict& options, const std::vector<std::string>& keep, bool keep_all, bool explain,
                   const py::object& progress) {
  RunOptions run;
  ReadOptions(options, run, nullptr, nullptr);
  AnnotateRequest request;
  request.keep = keep;
  request.keep_all = keep_all;
  request.explain = explain;
  std::vector<ColumnBuilder> columns(AnnotationColumns().size());
  std::vector<std::string> input_names;
  std::map<std::string, size_t> input_index;
  std::vector<std::vector<std::optional<std::string>>> inputs;
  size_t rows = 0;
  CollectingConsole console;
  StatusOr<int> done = WithoutGil(run, progress, [&] {
    return AnnotateEach(run, request, [&](AnnotatedPosting&& p) {
      for (size_t c = 0; c < columns.size() && c < p.cells.size(); ++c) columns[c].Add(std::move(p.cells[c]));
      for (auto& [name, value] : p.input) {
        auto [it, added] = input_index.try_emplace(name, input_names.size());
        if (added) {
          input_names.push_back(name);
          inputs.emplace_back(rows);  // unknown in the rows before this column appeared
        }
        inputs[it->second].push_back(std::move(value));
      }
      ++rows;
      for (auto& column : inputs) column.resize(rows);  // unknown where this posting's file has no such column
    }, console);
  });
  if (!done.ok()) Raise(done.status(), console.Errors());
  py::list out_columns;
  for (ColumnBuilder& c : columns) out_columns.append(c.Finish());
  py::list out_inputs;
  for (size_t i = 0; i < input_names.size(); ++i) {
    py::list values;
    for (auto& v : inputs[i]) values.append(v ? py::object(py::str(*v)) : py::object(py::none()));
    out_inputs.append(py::make_tuple(input_names[i], values));
  }
  return py::make_tuple(out_columns, out_inputs, console.Messages(), *done);
}

// ---------------------------------------------------------------------------
// Reports

py::object Cell(const AnalysisCell& cell) {
  return std::visit(
      [](const auto& v) -> py::object {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::monostate>) {
          return py::none();
        } else {
          return py::cast(v);
        }
      },
      cell);
}

py::dict TableDict(const AnalysisTable& t) {
  py::dict d;
  d["id"] = t.id;
  d["title"] = t.title;
  d["formula"] = t.formula;
  d["period"] = t.period;
  d["city"] = t.city;
  d["industry"] = t.industry;
  d["n"] = t.n;
  py::list columns;
  for (const AnalysisColumn& c : t.columns) {
    py::dict cd;
    cd["key"] = c.key;
    cd["label"] = c.label;
    cd["type"] = c.type;
    cd["unit"] = c.unit;
    columns.append(cd);
  }
  d["columns"] = columns;
  py::list rows;
  for (const auto& row : t.rows) {
    py::list r;
    for (const AnalysisCell& c : row) r.append(Cell(c));
    rows.append(r);
  }
  d["rows"] = rows;
  return d;
}

struct PyReport {
  std::shared_ptr<ReportResult> result;
  py::list messages;

  py::list Tables() const {
    py::list out;
    for (const AnalysisTable& t : result->tables()) out.append(TableDict(t));
    return out;
  }
  void Write(const std::string& dir) const {
    Status s;
    {
      py::gil_scoped_release release;
      s = result->Write(dir);
    }
    if (!s.ok()) Raise(s);
  }
};

PyReport ReportInputs(const py::dict& options, const std::string& output_dir, const std::string& state, const py::object& progress) {
  RunOptions run;
  ReportRequest request;
  ReadOptions(options, run, &request.tables, &request.dedup);
  request.output_dir = output_dir;
  request.state = state;
  CollectingConsole console;
  auto result = WithoutGil(run, progress, [&] { return BuildReport(run, request, console); });
  if (!result.ok()) Raise(result.status(), console.Errors());
  return PyReport{std::make_shared<ReportResult>(std::move(*result)), console.Messages()};
}

PyReport MergeStates(const py::dict& options, const std::vector<std::string>& states, const std::string& output_dir) {
  RunOptions run;
  MergeRequest request;
  ReadOptions(options, run, &request.tables, nullptr);
  if (!run.inputs.empty()) throw py::type_error("merge takes states, not inputs");
  request.states = states;
  request.output_dir = output_dir;
  CollectingConsole console;
  auto result = WithoutGil(run, py::none(), [&] { return MergeReports(run, request, console); });
  if (!result.ok()) Raise(result.status(), console.Errors());
  return PyReport{std::make_shared<ReportResult>(std::move(*result)), console.Messages()};
}

// ---------------------------------------------------------------------------
// Views of loaded states (jobsift/views.h)

struct PyLoaded {
  std::shared_ptr<const LoadedRun> run;
  py::list messages;

  // The report of the postings `filter` keeps: its keys are ViewFilter's,
  // plus half, min_n, top_cities, top_industries and threads.
  PyReport View(const py::dict& filter) const {
    ViewFilter f;
    const std::pair<const char*, std::string ViewFilter::*> text[] = {
        {"from", &ViewFilter::from},         {"to", &ViewFilter::to},
        {"city", &ViewFilter::city},         {"province", &ViewFilter::province},
        {"tier", &ViewFilter::tier},         {"industry", &ViewFilter::industry},
        {"degree", &ViewFilter::degree},     {"size", &ViewFilter::size},
        {"experience", &ViewFilter::experience}, {"definition", &ViewFilter::definition}};
    for (const auto& [key_handle, value] : filter) {
      std::string key = py::str(key_handle);
      if (value.is_none()) continue;
      bool known = false;
      for (const auto& [name, field] : text)
        if (key == name) {
          f.*field = As<std::string>(value, key, "a string");
          known = true;
        }
      if (known) continue;
      if (auto t = TableKeys().find(key); t != TableKeys().end()) {
        t->second(f.tables, key, value);
      } else if (key == "threads") {
        f.threads = As<int>(value, key, "an int");
      } else {
        throw py::type_error("unknown filter '" + key +
                             "' (the filters: from, to, city, province, tier, industry, degree, size, experience, "
                             "definition, half, min_n, top_cities, top_industries, threads)");
      }
    }
    StatusOr<ReportResult> result = InvalidArgument("");
    {
      py::gil_scoped_release release;
      result = run->View(f);
    }
    if (!result.ok()) Raise(result.status());
    return PyReport{std::make_shared<ReportResult>(std::move(*result)), py::list()};
  }
};

PyLoaded LoadStates(const py::dict& options, const std::vector<std::string>& states) {
  RunOptions run;
  ReadOptions(options, run, nullptr, nullptr);
  if (!run.inputs.empty()) throw py::type_error("load takes states, not inputs");
  CollectingConsole console;
  auto loaded = WithoutGil(run, py::none(), [&] { return LoadedRun::Load(run, states, console); });
  if (!loaded.ok()) Raise(loaded.status(), console.Errors());
  return PyLoaded{std::make_shared<const LoadedRun>(std::move(*loaded)), console.Messages()};
}

// ---------------------------------------------------------------------------
// One posting at a time

py::object AnnotationValue(AnnotationCell&& cell) {
  return std::visit(
      [](auto&& v) -> py::object {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::monostate>) {
          return py::none();
        } else {
          return py::cast(std::move(v));
        }
      },
      std::move(cell));
}

struct PyAnnotator {
  std::shared_ptr<PostingAnnotator> annotator;

  py::dict Annotate(const std::map<std::string, std::string>& fields) const {
    std::vector<std::pair<std::string, std::string>> given(fields.begin(), fields.end());
    StatusOr<AnnotatedPosting> p = InvalidArgument("not annotated");
    {
      py::gil_scoped_release release;
      p = annotator->Annotate(given);
    }
    AnnotatedPosting posting = ValueOrRaise(std::move(p));
    py::dict out;
    const auto& names = AnnotationColumns();
    for (size_t i = 0; i < names.size() && i < posting.cells.size(); ++i)
      out[py::str(names[i])] = AnnotationValue(std::move(posting.cells[i]));
    return out;
  }
};

PyAnnotator MakeAnnotator(const py::dict& options, bool explain) {
  RunOptions run;
  ReadOptions(options, run, nullptr, nullptr);
  if (!run.inputs.empty()) throw py::type_error("an annotator takes no inputs");
  StatusOr<PostingAnnotator> a = InvalidArgument("not made");
  {
    py::gil_scoped_release release;
    a = PostingAnnotator::Create(run, explain);
  }
  return PyAnnotator{std::make_shared<PostingAnnotator>(ValueOrRaise(std::move(a)))};
}

// ---------------------------------------------------------------------------
// Partial reports (jobsift/partial.h): a distributed run's steps, for
// jobsift/dask.py.

template <typename T>
py::array_t<T> Array(const std::vector<T>& v) {
  return py::array_t<T>(static_cast<py::ssize_t>(v.size()), v.data());
}

// A partial report from its bytes (PartialReport::ToBytes), loaded without
// the GIL; damaged bytes raise.
PartialReport PartialFromBytes(const std::string& bytes) {
  std::optional<StatusOr<PartialReport>> made;
  {
    py::gil_scoped_release release;
    made.emplace(PartialReport::FromBytes(bytes));
  }
  return ValueOrRaise(std::move(*made));
}

// A partial report held in Python: step 1's counts stay in the worker's
// memory as one of these, and step 3 takes them over (moved out, so its
// duplicates are taken out in place rather than from a copy); a second use
// is an error, never counts off by a part. Pickled as its bytes, for Dask
// to move or spill.
struct PyPartial {
  std::optional<PartialReport> partial;

  const PartialReport& Get() const {
    if (!partial) Raise(InvalidArgument("this partial report was taken over by count_parts: read the part again"));
    return *partial;
  }
  PartialReport Take() {
    Get();
    PartialReport p = std::move(*partial);
    partial.reset();
    return p;
  }
  py::bytes Bytes() const {
    const PartialReport& p = Get();
    std::string bytes;
    {
      py::gil_scoped_release release;
      bytes = p.ToBytes();
    }
    return py::bytes(bytes);
  }
  static PyPartial FromBytes(const std::string& bytes) { return PyPartial{PartialFromBytes(bytes)}; }
};

// Step 1 on a worker: PartReader (jobsift/partial.h). What a read is made
// with is loaded once; the parts handed to the worker one after another
// are read into open runs.
class PyPartReader {
 public:
  explicit PyPartReader(const py::dict& options) {
    TableChoices unused;
    ReadOptions(options, run_, &unused, &dedup_);
    StatusOr<std::unique_ptr<PartReader>> made = InvalidArgument("not made");
    {
      py::gil_scoped_release release;
      made = PartReader::Create(run_, dedup_);
    }
    reader_ = ValueOrRaise(std::move(made));
  }

  void Begin(const std::string& state) {
    Status st;
    {
      py::gil_scoped_release release;
      st = reader_->Begin(state);
    }
    if (!st.ok()) Raise(st);
  }

  // Reads `inputs` into the open run. What the read notices is not said: a
  // run's parts are summed, and the sum says it once (report_from_partial).
  void Read(const std::vector<std::string>& inputs, bool found_in_folder) {
    RunOptions run = run_;
    run.inputs = inputs;
    run.inputs_found_in_folder = found_in_folder;
    CollectingConsole console;
    Status failed = WithoutGil(run, py::none(), [&] { return reader_->Read(run, console); });
    if (!failed.ok()) Raise(failed, console.Errors());
  }

  // Closes the run: (its keys by bucket, record offsets, its counts as a
  // Partial). A bucket's keys are (records, fingerprints, half-years): the
  // records stay with the run, the rest travel to the bucket's task (10
  // bytes a posting).
  py::tuple Finish(size_t buckets) {
    std::vector<KeyBucket> split;
    std::vector<uint64_t> offsets;
    PyPartial counts;
    Status failed = [&] {
      py::gil_scoped_release release;
      DedupKeys keys;
      auto part = reader_->Finish(&keys, &offsets);
      if (!part.ok()) return part.status();
      counts.partial = std::move(*part);
      split = SplitKeys(keys, buckets);
      return Status::Ok();
    }();
    if (!failed.ok()) Raise(failed);
    py::list pieces;
    for (const KeyBucket& b : split)
      pieces.append(py::make_tuple(Array(b.records), Array(b.fingerprints), Array(b.halves)));
    return py::make_tuple(pieces, Array(offsets), std::move(counts));
  }

 private:
  RunOptions run_;
  std::string dedup_ = "exact";
  std::unique_ptr<PartReader> reader_;
};

// Dask's nanny starts every worker with MALLOC_TRIM_THRESHOLD_=65536, to
// give freed memory back soon. Setting it also pins glibc's mmap threshold
// at 128 KiB (it no longer grows with the blocks freed): every block over
// that (a hash table that doubles, a buffer that grows) is then mapped
// afresh and unmapped when freed, and each of its pages faults anew. Over
// 500K postings, in one process with and without the variable: 40.9K page
// faults instead of 29.8K with relax_malloc(true); PartReader.finish 0.09-0.12
// s instead of 0.07-0.08; count_parts 0.06-0.07 s instead of 0.015-0.02.
//
// relax_malloc(true) sets what glibc's own thresholds grow to (blocks up to
// 32 MiB from the heap; 64 MiB free kept at its top); relax_malloc(false)
// sets the variable's values back and gives the free memory back
// (malloc_trim). Where the variable is not set (glibc's thresholds grow as
// they should) or the C library is not glibc, nothing is changed: false.
bool RelaxMalloc(bool relax) {
#if defined(__GLIBC__)
  auto value = [](const char* name) -> std::optional<int> {
    const char* text = std::getenv(name);
    if (text == nullptr || *text == '\0') return std::nullopt;
    char* end = nullptr;
    errno = 0;
    long v = std::strtol(text, &end, 0);
    if (errno != 0 || *end != '\0' || v < 0 || v > std::numeric_limits<int>::max()) return std::nullopt;
    return static_cast<int>(v);
  };
  std::optional<int> trim = value("MALLOC_TRIM_THRESHOLD_");
  if (!trim) return false;
  py::gil_scoped_release release;
  if (relax) {
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
  } else {
    mallopt(M_TRIM_THRESHOLD, *trim);
    mallopt(M_MMAP_THRESHOLD, value("MALLOC_MMAP_THRESHOLD_").value_or(128 << 10));
    malloc_trim(0);
  }
  return true;
#else
  (void)relax;
  return false;
#endif
}

// `parts` summed in the order given, each first passed to `prepare` (when
// given) with its index; without the GIL, its Status raised when it fails.
PyPartial Sum(std::vector<PartialReport> parts, const std::function<Status(size_t, PartialReport&)>& prepare = nullptr) {
  if (parts.empty()) Raise(InvalidArgument("no partial reports to sum"));
  Status failed = [&] {
    py::gil_scoped_release release;
    for (size_t i = 0; i < parts.size(); ++i) {
      if (prepare) JOBSIFT_RETURN_IF_ERROR(prepare(i, parts[i]));
      if (i > 0) JOBSIFT_RETURN_IF_ERROR(parts[0].Add(parts[i]));
    }
    return Status::Ok();
  }();
  if (!failed.ok()) Raise(failed);
  return PyPartial{std::move(parts[0])};
}

// Step 3: consecutive parts' counts (PartReader.finish's), taken over, each with
// its duplicates taken out (read back from its state at its offsets),
// summed in the order given: as bytes, to send to the client.
py::bytes CountParts(const std::vector<PyPartial*>& counts, const std::vector<std::string>& states,
                     const std::vector<py::array_t<uint64_t>>& offsets,
                     const std::vector<py::array_t<uint64_t>>& duplicates) {
  size_t n = counts.size();
  if (n == 0 || states.size() != n || offsets.size() != n || duplicates.size() != n)
    throw py::value_error("give one state, one offsets array and one duplicates array per part's counts");
  auto vec = [](const py::array_t<uint64_t>& a) { return std::vector<uint64_t>(a.data(), a.data() + a.size()); };
  std::vector<std::vector<uint64_t>> offs, dups;
  for (size_t i = 0; i < n; ++i) {
    offs.push_back(vec(offsets[i]));
    dups.push_back(vec(duplicates[i]));
  }
  for (size_t i = 0; i < n; ++i)
    for (size_t j = 0; j < i; ++j)
      if (counts[i] == counts[j]) throw py::value_error("a part's counts are given twice");
  for (PyPartial* c : counts) c->Get();  // each still held, before any is taken
  std::vector<PartialReport> parts;
  for (PyPartial* c : counts) parts.push_back(c->Take());
  return Sum(std::move(parts), [&](size_t i, PartialReport& part) {
           return part.RemoveDuplicates(states[i], offs[i], dups[i]);
         }).Bytes();
}

// Step 2: one bucket's keys of every read, (fingerprints, halves) each; the
// positions in each read's piece that repeat an earlier posting.
py::list Decide(const std::vector<std::tuple<py::array_t<uint64_t, py::array::c_style | py::array::forcecast>,
                                             py::array_t<uint16_t, py::array::c_style>>>& pieces) {
  std::vector<KeyPiece> keys;
  for (const auto& [fingerprints, halves] : pieces) {
    if (halves.size() != fingerprints.size())
      throw py::value_error("a piece's fingerprints and halves must be of one length");
    keys.push_back({nullptr, fingerprints.data(), halves.data(), static_cast<size_t>(fingerprints.size())});
  }
  std::vector<std::vector<uint64_t>> repeats;
  {
    py::gil_scoped_release release;
    repeats = DecideDuplicates(keys);
  }
  py::list out;
  for (const std::vector<uint64_t>& r : repeats)
    out.append(py::array_t<uint64_t>(static_cast<py::ssize_t>(r.size()), r.data()));
  return out;
}

// Step 4: partial reports (bytes) summed in the order given.
PyPartial SumPartials(const std::vector<std::string>& bytes) {
  std::vector<PartialReport> parts;
  for (const std::string& b : bytes) parts.push_back(PartialFromBytes(b));
  return Sum(std::move(parts));
}

// Step 4: the report of the summed parts.
PyReport ReportOfPartial(const py::dict& options, const PyPartial& partial) {
  RunOptions run;
  TableChoices tables;
  std::string dedup;
  ReadOptions(options, run, &tables, &dedup);
  CollectingConsole console;
  const PartialReport& all = partial.Get();
  auto result = [&] {
    py::gil_scoped_release release;
    return ReportFromPartial(run, all, tables, console);
  }();
  if (!result.ok()) Raise(result.status(), console.Errors());
  return PyReport{std::make_shared<ReportResult>(std::move(*result)), console.Messages()};
}

py::list AnalysesList() {
  py::list out;
  for (const AnalysisInfo& a : Analyses()) {
    py::dict d;
    d["id"] = a.id;
    d["title"] = a.title;
    d["section"] = a.section;
    d["chart"] = a.chart;
    d["rows"] = a.rows;
    d["measure"] = a.measure;
    out.append(d);
  }
  return out;
}

}  // namespace
}  // namespace jobsift

PYBIND11_MODULE(_jobsift, m) {
  using namespace jobsift;
  m.doc() = "jobsift's C++ library; use the jobsift package, which wraps this in pandas objects";
  m.attr("__version__") = JOBSIFT_VERSION;
  py::object base = py::module_::import("builtins").attr("Exception");
  StatusErrorType() = py::reinterpret_steal<py::object>(
      PyErr_NewException("jobsift._jobsift.StatusError", base.ptr(), nullptr));
  m.attr("StatusError") = StatusErrorType();

  m.def("annotation_columns", [] { return AnnotationColumns(); }, "The annotation columns, in order");
  m.def("analyses", &AnalysesList, "The analyses a report holds, in report order");
  m.def("data_dir", [] { return DataDir(); }, "The folder of the shipped data tables and lexicons");
  m.def("option_keys", [] { return KeyList(); });
  m.def("annotate", &AnnotateInputs, py::arg("options"), py::arg("keep"), py::arg("keep_all"), py::arg("explain"),
        py::arg("progress"));
  m.def("report", &ReportInputs, py::arg("options"), py::arg("output_dir"), py::arg("state"), py::arg("progress"));
  m.def("merge", &MergeStates, py::arg("options"), py::arg("states"), py::arg("output_dir"));

  m.def("list_parts", [](const std::vector<std::string>& inputs) {
    StatusOr<std::vector<InputPart>> parts = InvalidArgument("not listed");
    {
      py::gil_scoped_release release;
      parts = ListParts(inputs);
    }
    py::list out;
    for (const InputPart& p : ValueOrRaise(std::move(parts))) out.append(py::make_tuple(p.path, p.named, p.bytes));
    return out;
  }, py::arg("inputs"));
  py::class_<PyPartial>(m, "Partial")
      .def("to_bytes", &PyPartial::Bytes)
      .def_static("from_bytes", &PyPartial::FromBytes, py::arg("bytes"))
      .def_property_readonly("postings", [](const PyPartial& p) { return p.Get().postings(); })
      .def_property_readonly("duplicates", [](const PyPartial& p) { return p.Get().duplicates(); })
      .def(py::pickle([](const PyPartial& p) { return py::make_tuple(p.Bytes()); },
                      [](const py::tuple& t) {
                        if (t.size() != 1) throw std::runtime_error("a pickled Partial holds its bytes");
                        return PyPartial::FromBytes(t[0].cast<std::string>());
                      }));
  py::class_<PyPartReader>(m, "PartReader")
      .def(py::init<const py::dict&>(), py::arg("options"))
      .def("begin", &PyPartReader::Begin, py::arg("state"))
      .def("read", &PyPartReader::Read, py::arg("inputs"), py::arg("found_in_folder"))
      .def("finish", &PyPartReader::Finish, py::arg("buckets"));
  m.def("decide", &Decide, py::arg("pieces"));
  m.def("count_parts", &CountParts, py::arg("counts"), py::arg("states"), py::arg("offsets"), py::arg("duplicates"));
  m.def("sum_partials", &SumPartials, py::arg("parts"));
  m.def("relax_malloc", &RelaxMalloc, py::arg("relax"));
  m.def("report_from_partial", &ReportOfPartial, py::arg("options"), py::arg("partial"));

  py::class_<PyReport>(m, "Report")
      .def("tables", &PyReport::Tables)
      .def("summary_json", [](const PyReport& r) { return r.result->SummaryJson(); })
      .def("write", &PyReport::Write, py::arg("dir"))
      .def_property_readonly("table_count", [](const PyReport& r) { return r.result->tables().size(); })
      .def_property_readonly("postings", [](const PyReport& r) { return r.result->postings(); })
      .def_property_readonly("duplicates", [](const PyReport& r) { return r.result->duplicates(); })
      .def_property_readonly("outside_filter", [](const PyReport& r) { return r.result->outside_filter(); })
      .def_property_readonly("filter", [](const PyReport& r) { return r.result->filter(); })
      .def_property_readonly("exit_code", [](const PyReport& r) { return r.result->exit_code(); })
      .def_readonly("messages", &PyReport::messages);

  m.def("load", &LoadStates, py::arg("options"), py::arg("states"));
  py::class_<PyLoaded>(m, "Loaded")
      .def("view", &PyLoaded::View, py::arg("filter"))
      .def("values", [](const PyLoaded& l, const std::string& facet) { return l.run->Values(facet); })
      .def("definitions", [](const PyLoaded& l) {
        py::list out;
        for (const LoadedRun::Definition& d : l.run->definitions()) {
          py::dict row;
          row["name"] = d.name;
          row["codes"] = d.codes;
          row["available"] = d.available;
          row["why"] = d.why;
          out.append(row);
        }
        return out;
      })
      .def_property_readonly("definition", [](const PyLoaded& l) { return l.run->definition(); })
      .def_property_readonly("postings", [](const PyLoaded& l) { return l.run->postings(); })
      .def_property_readonly("duplicates", [](const PyLoaded& l) { return l.run->duplicates(); })
      .def_property_readonly("states", [](const PyLoaded& l) { return l.run->states(); })
      .def_readonly("messages", &PyLoaded::messages);

  py::class_<PyAnnotator>(m, "Annotator")
      .def(py::init(&MakeAnnotator), py::arg("options"), py::arg("explain") = false)
      .def("annotate", &PyAnnotator::Annotate, py::arg("fields"));
}
