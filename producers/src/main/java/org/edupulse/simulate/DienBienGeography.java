package org.edupulse.simulate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The ten district-level units of Điện Biên before July 2025, with communes, ids and names as the
 * published figures use them, and the communes formed by the two-tier reform of 1 July 2025.
 * Reference data rather than configuration: it does not vary with a seed or a profile.
 *
 * <p>The reform is modelled by its shape, not by the official list: within each former district,
 * consecutive groups of two or three communes become one commune named after its first member
 * ({@link #MERGED_COMMUNES}, 46 units; Điện Biên really has 45 communes and wards since 1 July
 * 2025, with other names and boundaries). A department loads its official list as its own
 * reference data instead. The ten districts go on as former districts: statistical groupings that
 * keep per-district indicators comparable with earlier years.
 */
public final class DienBienGeography {

    public static final String PROVINCE_ID = "DB";
    public static final String PROVINCE_NAME = "Điện Biên";

    public static final String MUONG_ANG = "DB-MA";
    public static final String MUONG_CHA = "DB-MC";

    /** Commune of the Sa Lông boarding primary school, in Mường Chà. */
    public static final String SA_LONG_COMMUNE = "Sa Lông";

    /** The school whose sponsored tablets the newspaper names. */
    public static final String SA_LONG_SCHOOL_NAME = "Sa Lông Ethnic Minority Boarding Primary School";

    /** The programme that equipped Sa Lông with tablets. */
    public static final String TABLETS_FOR_CHILDREN = "Internet and Tablets for Children";

    public static final List<District> DISTRICTS = List.of(
            new District("DB-DBP", "Điện Biên Phủ city", false, List.of(
                    "Mường Thanh", "Him Lam", "Tân Thanh", "Thanh Bình", "Thanh Trường", "Noong Bua",
                    "Nam Thanh", "Thanh Minh", "Tà Lèng", "Mường Phăng", "Nà Tấu", "Nà Nhạn", "Pá Khoang")),
            new District("DB-ML", "Mường Lay town", false, List.of("Na Lay", "Sông Đà", "Lay Nưa")),
            new District("DB-DB", "Điện Biên", false, List.of(
                    "Thanh Xương", "Thanh Nưa", "Thanh Luông", "Thanh Hưng", "Thanh Chăn", "Thanh An",
                    "Noong Luống", "Sam Mứn", "Núa Ngam", "Mường Nhà", "Pom Lót", "Hẹ Muông", "Na Ư",
                    "Mường Pồn", "Na Tông", "Phu Luông", "Mường Lói", "Pa Thơm", "Thanh Yên")),
            new District("DB-DBD", "Điện Biên Đông", true, List.of(
                    "Điện Biên Đông town", "Na Son", "Keo Lôm", "Luân Giói", "Mường Luân", "Chiềng Sơ",
                    "Phình Giàng", "Pú Hồng", "Háng Lìa", "Xa Dung", "Tìa Dình", "Pú Nhi", "Noong U", "Sa Dung")),
            new District("DB-MA", "Mường Ảng", false, List.of(
                    "Mường Ảng town", "Ẳng Nưa", "Ẳng Tở", "Ẳng Cang", "Búng Lao", "Xuân Lao",
                    "Mường Đăng", "Ngối Cáy", "Mường Lạn", "Nặm Lịch")),
            new District("DB-MC", "Mường Chà", true, List.of(
                    "Mường Chà town", SA_LONG_COMMUNE, "Huổi Lèng", "Ma Thì Hồ", "Mường Mươn", "Mường Tùng",
                    "Na Sang", "Sá Tổng", "Pa Ham", "Nậm Nèn", "Hừa Ngài", "Huổi Mí")),
            new District("DB-MN", "Mường Nhé", true, List.of(
                    "Mường Nhé", "Sín Thầu", "Chung Chải", "Leng Su Sìn", "Mường Toong", "Nậm Kè",
                    "Quảng Lâm", "Nậm Vì", "Pá Mỳ", "Huổi Lếch", "Sen Thượng")),
            new District("DB-NP", "Nậm Pồ", true, List.of(
                    "Nà Hỳ", "Si Pa Phìn", "Phìn Hồ", "Chà Nưa", "Chà Cang", "Chà Tở", "Nà Khoa",
                    "Nà Bủng", "Nậm Khăn", "Nậm Chua", "Nậm Nhừ", "Nậm Tin", "Pa Tần", "Vàng Đán", "Na Cô Sa")),
            new District("DB-TC", "Tủa Chùa", true, List.of(
                    "Tủa Chùa town", "Huổi Só", "Xín Chải", "Tả Sìn Thàng", "Lao Xả Phình", "Tả Phìn",
                    "Tủa Thàng", "Sính Phình", "Trung Thu", "Sáng Nhè", "Mường Đun", "Mường Báng")),
            new District("DB-TG", "Tuần Giáo", false, List.of(
                    "Tuần Giáo town", "Quài Nưa", "Quài Cang", "Quài Tở", "Chiềng Sinh", "Chiềng Đông",
                    "Mường Mùn", "Mường Thín", "Nà Sáy", "Mường Khong", "Tỏa Tình", "Pú Nhung",
                    "Rạng Đông", "Ta Ma", "Phình Sáng", "Nà Tòng", "Mùn Chung", "Pú Xi", "Tênh Phông")));

    /** Day from which communes sit directly under the province and districts are former districts. */
    public static final LocalDate REFORM_DATE = LocalDate.of(2025, 7, 1);

    /** The communes from {@link #REFORM_DATE}, district by district in {@link #DISTRICTS} order. */
    public static final List<MergedCommune> MERGED_COMMUNES = merge(DISTRICTS);

    private static final Map<String, MergedCommune> MERGED_BY_FORMER_COMMUNE = MERGED_COMMUNES.stream()
            .flatMap(m -> m.formerCommuneIds().stream().map(former -> Map.entry(former, m)))
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));

    private DienBienGeography() {
    }

    /** The commune formed on {@link #REFORM_DATE} from this pre-reform commune; throws if there is none. */
    public static MergedCommune mergedCommuneOf(final String formerCommuneId) {
        final MergedCommune merged = MERGED_BY_FORMER_COMMUNE.get(formerCommuneId);
        if (merged == null) {
            throw new IllegalArgumentException("unknown pre-reform commune " + formerCommuneId);
        }
        return merged;
    }

    /**
     * Splits each district's communes, in order, into ceil(n / 3) consecutive groups whose sizes
     * differ by at most one (13 communes give 3, 3, 3, 2, 2), so no commune is left on its own.
     */
    private static List<MergedCommune> merge(final List<District> districts) {
        final List<MergedCommune> merged = new ArrayList<>();
        for (final District district : districts) {
            final int n = district.communes().size();
            final int groups = (n + 2) / 3;
            int first = 0;
            for (int g = 0; g < groups; g++) {
                final int size = n / groups + (g < n % groups ? 1 : 0);
                final List<String> members = new ArrayList<>();
                for (int i = first; i < first + size; i++) {
                    members.add(district.communeId(i));
                }
                merged.add(new MergedCommune(String.format("%s-X%02d", district.id(), g + 1),
                        district.communes().get(first), district.id(), members));
                first += size;
            }
        }
        return List.copyOf(merged);
    }

    /** The district with this id; throws if there is none. */
    public static District district(final String districtId) {
        return DISTRICTS.stream().filter(d -> d.id().equals(districtId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown district " + districtId));
    }
}
