// City normaliser: maps the work location a job site printed (北京, 北京市,
// 上海-浦东新区, 深圳·南山区, 广东省广州市番禺区, 昆山, Beijing, 全国, ...) to
// a canonical prefecture-level city with its province and tier (SPEC §2
// "city"). The places, their districts, counties and other names are data:
// data/cities.tsv (its header documents the columns, the sources, the tier
// edition and the ambiguity marker), loaded once into an immutable CityTable.
//
// Not for: street addresses beyond their leading place names, geocoding from
// coordinates, or ranking cities (aggregate/ does that). Neighbours:
// fields/parsed.h (result shape), fields/fold.h (missing markers); the
// reader unwraps Python list literals before this runs.
//
// CityTable::Resolve, on the full-width-folded, ASCII-lower-cased text (rule
// id in []):
//  1. "", "-", "[]", "None", ..., or only punctuation (··) -> kMissing
//                                                            [city.missing]
//  2. The text is cut into parts at , / | ; 、 ， ； ／ (a multi-city list).
//     Each part is scanned left to right. Names are looked up only where a
//     word starts: at the start, after punctuation or a digit (space - · ( )
//     ...), or right after another name (广东省广州市); text inside an
//     unknown word is skipped (珠江新城 does not yield 新城区). At each such
//     position the longest known name wins:
//       - a province name (广东省, 广东, 内蒙古自治区, ...) sets the province
//         context and the scan goes on;
//       - a row's own name (北京, 北京市, 苏州, 延边朝鲜族自治州) ends the part
//         with that row                                           [city.name]
//       - an alias (浦东新区, 昆山市, 番禺区, Beijing, 襄樊) ends the part with
//         its row                                                [city.alias]
//       - a derived stem (昆山, 番禺, 萧山: a name without its 新区/林区/地区/
//         区/县/市/旗 suffix, at least two characters, never replacing a
//         name of the file) ends the part with its row             [city.stem]
//       - a name several rows share (鼓楼区, 朝阳区, 西湖区, 鼓楼): resolved by
//         a province named in the same part if that leaves one row
//         (福建省鼓楼区 -> 福州)                     [city.province_context],
//         else remembered while the scan goes on;
//       - a non-city marker (全国, 异地招聘, 不限, 海外, 远程, ...) ends the
//         part as kAmbiguous.
//     So the first city or district named wins: 江苏省苏州市昆山市 -> 苏州,
//     北京 朝阳区 -> 北京, 南京·鼓楼区 -> 南京, 浦东新区 -> 上海.
//     吉林 names both a city and a province: 吉林长春 -> 长春, while 吉林 and
//     吉林·昌邑区 -> 吉林 (the city).
//  3. The parts are combined:
//       - two parts naming different rows (北京,上海; 北京/上海/深圳)
//                                                 -> kAmbiguous
//                                                 [city.multi_city]
//       - one row named, every other part silent or consistent -> that row
//       - a non-city marker in any part    -> kAmbiguous [city.non_city_marker]
//       - only a shared name (鼓楼区)       -> kAmbiguous [city.ambiguous_name]
//       - only a province (广东省, 福建)     -> kAmbiguous [city.province_only]
//         (a province names many cities; municipalities are rows, not this)
//       - nothing recognised               -> kUnparseable [city.no_match]
//
// Decisions, also in data/cities.tsv:
//  - Directly-administered county-level units (济源, 仙桃, 潜江, 天门, 神农架,
//    the Hainan counties, the Xinjiang corps cities) are rows of their own
//    with tier 未评级: no prefecture contains them and the ranking skips them.
//  - Hong Kong, Macau and Taiwan are rows with province 香港 / 澳门 / 台湾 and
//    tier 港澳台; foreign places are not rows (海外 is a non-city marker, a
//    foreign city name is kUnparseable).
//  - Only the first kMaxCityInputBytes bytes of the input are read: the city
//    always comes first, and the rest of a long address is street detail.
//
// A CityTable is immutable after Load and cheap to copy (copies share the
// rows). Resolve is const, thread-safe and allocation-free; nothing from
// `raw` is kept. Every string_view in a CityInfo or CityRow points into the
// table and stays valid while any copy of the table lives.
#ifndef JOBSIFT_FIELDS_CITY_H_
#define JOBSIFT_FIELDS_CITY_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "fields/parsed.h"
#include "jobsift/status.h"

namespace jobsift {

// What Resolve returns: the canonical short city name (北京, 苏州, 延边), its
// short province (北京, 江苏, 吉林) and its tier (一线, 新一线, 二线, 三线,
// 四线, 五线, 未评级, 港澳台).
struct CityInfo {
  std::string_view city;
  std::string_view province;
  std::string_view tier;
};

// One row of the table, for listings and checks; not needed to resolve.
struct CityRow {
  std::string_view city;       // 延边
  std::string_view full_name;  // 延边朝鲜族自治州
  std::string_view province;   // 吉林
  std::string_view tier;       // 五线
  std::string_view level;      // 直辖市 | 地级 | 县级 | 港澳台
};

// Input beyond this many bytes is ignored (cut at a character boundary).
inline constexpr size_t kMaxCityInputBytes = 256;

// Words of the city field that name no city (data/city_words.tsv):
// values that name no single mainland city (全国, 异地, 远程 …: the city is
// ambiguous) and words that add nothing to a place (中国·北京: skipped).
struct CityWords {
  std::vector<std::string> not_city, skip;
  std::string file;
};
// Reads a city_words.tsv (`list<TAB>word`); problems name the file and line.
StatusOr<CityWords> LoadCityWords(const std::string& path);

class CityTable {
 public:
  // Reads data/cities.tsv (format in its header). Errors name the place,
  // "path:line: why": a wrong column count or header, an empty or duplicate
  // city or full name, an unknown province, tier or level, an alias that is
  // another row's name, a province name or a non-city marker, an alias shared
  // by rows but not marked '?' in each, or marked '?' but not shared.
  // NotFound if the file cannot be opened. The words that name no city
  // come from city_words.tsv beside `path`, else the shipped one.
  [[nodiscard]] static StatusOr<CityTable> Load(const std::string& path);

  // Same as Load, from the file's text; `origin` names it in errors.
  // `words` null: the shipped city_words.tsv.
  [[nodiscard]] static StatusOr<CityTable> FromText(std::string text,
                                                    std::string_view origin,
                                                    const CityWords* words = nullptr);

  // Resolves what a job site printed to a canonical prefecture-level city;
  // see the rules above.
  Parsed<CityInfo> Resolve(std::string_view raw) const;

  // Number of rows (cities, county-level units, HK/Macau/Taiwan).
  size_t size() const;

  // All rows, in file order.
  const std::vector<CityRow>& rows() const;

 private:
  struct Data;
  explicit CityTable(std::shared_ptr<const Data> data);

  std::shared_ptr<const Data> data_;
};

}  // namespace jobsift

#endif  // JOBSIFT_FIELDS_CITY_H_
