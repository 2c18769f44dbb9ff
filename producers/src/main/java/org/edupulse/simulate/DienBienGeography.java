package org.edupulse.simulate;

import java.util.List;

/**
 * The ten district-level units of Điện Biên before July 2025, with communes, ids and names as the
 * published figures use them. Reference data rather than configuration: it does not vary with a
 * seed or a profile.
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

    private DienBienGeography() {
    }

    /** The district with this id; throws if there is none. */
    public static District district(final String districtId) {
        return DISTRICTS.stream().filter(d -> d.id().equals(districtId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown district " + districtId));
    }
}
