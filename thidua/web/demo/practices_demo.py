"""Demo: good practices (mô hình hay, cách làm mới) published through the service by the staff
of real boards, one of them featured by the secretariat.

Every practice is marked illustrative: the seeds name the models and give their figures, but no
unit wrote these texts. Sources: seed 003 (Bà Rịa - Vũng Tàu, 2015–2020: the volunteer
movement, its models, the merger pilots, the transfer of party organizations), seed 000
(cluster 4 in 2017 exchanged experience of party building in private enterprises, Bình Dương
hosting) and seed 004 (cluster 3 in 2023 stressed admitting members among ethnic minorities;
Đắk Lắk hosted). The files are left out on purpose: the demo is also loaded by the test
session, which must not write into the working tree. Running it again changes nothing.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from thidua.accounts.models import Role, RoleGrant, User
from thidua.indicators.models import GoodPractice
from thidua.indicators.services.practices import good_practice_feature, good_practice_publish
from thidua.orgs.models import Unit

SECRETARIAT = "thuongtruc"
BA_RIA_VUNG_TAU, BINH_DUONG, DAK_LAK = "BTC-77-63", "BTC-74-63", "BTC-66-63"


@dataclass(frozen=True)
class DemoPractice:
    unit_code: str
    year: int
    title: str
    area: str
    what_was_done: str
    results: str
    indicator_codes: tuple[str, ...] = ()
    featured: bool = False


PRACTICES = (
    DemoPractice(
        BA_RIA_VUNG_TAU,
        2020,
        "Phong trào “Đảng viên tình nguyện tham gia xây dựng nông thôn mới, đô thị văn minh”",
        "Xây dựng tổ chức cơ sở đảng và đảng viên",
        "Năm 2018, Ban Tổ chức Tỉnh ủy tham mưu Tỉnh ủy phát động phong trào trong đội ngũ đảng "
        "viên của Đảng bộ tỉnh. Mỗi tổ chức đảng xây dựng kế hoạch, chọn nội dung cho đảng viên "
        "đăng ký tham gia; đảng viên thể hiện tính tiên phong, gương mẫu, nâng cao ý thức trách "
        "nhiệm của cán bộ, đảng viên và nhân dân trong xây dựng địa phương.",
        "Sau gần 2 năm: trên 90 % tổ chức đảng xây dựng kế hoạch và chọn nội dung cho đảng viên "
        "đăng ký; 90 % đảng viên toàn tỉnh đăng ký tham gia. Nhiều mô hình mới, việc làm hay ra "
        "đời: tủ sách chi bộ thôn, ấp, khu phố; lắp đặt camera an ninh; nuôi heo đất hỗ trợ hộ "
        "nghèo; trao tặng “Ngôi nhà thân ái”; lắp đèn chiếu sáng; nhà chờ xe cho học sinh.",
        ("party_organizations_with_movement_plan", "members_registered_in_movement"),
        featured=True,
    ),
    DemoPractice(
        BA_RIA_VUNG_TAU,
        2018,
        "Tủ sách chi bộ thôn, ấp, khu phố",
        "Đảng viên tình nguyện xây dựng nông thôn mới, đô thị văn minh",
        "Chi bộ thôn, ấp, khu phố vận động đảng viên và nhân dân góp sách, báo, đặt tủ sách tại "
        "nơi sinh hoạt chi bộ; đảng viên nhận phần việc giữ gìn, giới thiệu sách cho thiếu nhi "
        "và người cao tuổi.",
        "Là một trong các mô hình mới của phong trào đảng viên tình nguyện mà Ban Tổ chức Tỉnh ủy "
        "nêu trong tổng kết giai đoạn 2015–2020.",
    ),
    DemoPractice(
        BA_RIA_VUNG_TAU,
        2020,
        "Thí điểm mô hình sáp nhập, hợp nhất cơ quan, đơn vị",
        "Sắp xếp tổ chức bộ máy tinh gọn",
        "Thực hiện Nghị quyết Trung ương 6 khóa XII, Kết luận số 34-KL/TW và Nghị quyết số "
        "39-NQ/TW, Ban Tổ chức Tỉnh ủy tham mưu thí điểm sáp nhập, hợp nhất cơ quan, đơn vị, gắn "
        "với xây dựng đề án vị trí việc làm và sắp xếp giảm đầu mối từ tỉnh đến cơ sở.",
        "Giai đoạn 2015–2020: thí điểm 25 mô hình sáp nhập, hợp nhất; giảm 141 đầu mối; phê "
        "duyệt đề án vị trí việc làm của 24/24 cơ quan; tinh giản 11,14 % biên chế (2.489/22.345).",
        (
            "merger_pilot_models",
            "focal_points_reduced",
            "job_position_schemes_approved",
            "staff_streamlined_share",
        ),
    ),
    DemoPractice(
        BA_RIA_VUNG_TAU,
        2020,
        "Chuyển giao tổ chức đảng về đầu mối cấp ủy trực tiếp quản lý",
        "Củng cố tổ chức cơ sở đảng",
        "Ban Tổ chức Tỉnh ủy tham mưu Ban Thường vụ Tỉnh ủy ban hành quyết định và tổ chức hội "
        "nghị chuyển giao tổ chức đảng, đảng viên về đầu mối cấp ủy trực tiếp quản lý, bảo đảm "
        "tinh gọn tổ chức, phát huy năng lực hoạt động của tổ chức đảng tại cơ sở.",
        "Chuyển giao 23 tổ chức đảng và 502 đảng viên.",
        ("party_organizations_transferred", "party_members_transferred"),
    ),
    DemoPractice(
        BINH_DUONG,
        2017,
        "Xây dựng tổ chức đảng trong doanh nghiệp ngoài khu vực nhà nước",
        "Xây dựng tổ chức cơ sở đảng",
        "Cụm thi đua số 4 trao đổi kinh nghiệm về công tác xây dựng đảng trong doanh nghiệp "
        "ngoài khu vực nhà nước; Ban Tổ chức Tỉnh ủy Bình Dương, tỉnh đăng cai hội nghị tổng "
        "kết, giới thiệu cách rà soát doanh nghiệp có đảng viên, tạo nguồn và kết nạp đảng viên "
        "là công nhân.",
        "Các thành viên của cụm chia sẻ kinh nghiệm, cách làm hay để nghiên cứu, nhân rộng.",
        ("new_party_members_admitted",),
    ),
    DemoPractice(
        DAK_LAK,
        2023,
        "Phát triển đảng viên trong vùng đồng bào dân tộc thiểu số, đồng bào có đạo",
        "Phát triển đảng viên",
        "Chi bộ thôn, buôn rà soát quần chúng ưu tú là người dân tộc thiểu số, người có đạo; "
        "phân công đảng viên giúp đỡ, bồi dưỡng; gắn nâng cao chất lượng sinh hoạt chi bộ với "
        "chất lượng kết nạp đảng viên.",
        "Góp phần vào kết quả kết nạp 20.777 đảng viên mới của các tỉnh, thành phố trong cụm "
        "thi đua số 3 tính đến ngày 30/11/2023.",
        ("new_party_members_admitted",),
    ),
)


def _staff_of(unit: Unit) -> User:
    """A leader or officer of ``unit`` (the demo accounts are loaded before)."""
    today = timezone.localdate()
    grants = RoleGrant.objects.filter(
        unit=unit, role__in=[Role.UNIT_OFFICER, Role.UNIT_LEADER], user__is_active=True
    ).select_related("user")
    for grant in grants.order_by("user__username"):
        if grant.is_active_on(today):
            return grant.user
    raise LookupError(f"no staff account for {unit.code}; load the demo accounts first")


def practices_demo_load() -> None:
    """Publish the demo practices that are not there yet; feature the ones marked so."""
    with transaction.atomic():
        secretariat = User.objects.get(username=SECRETARIAT)
        for spec in PRACTICES:
            unit = Unit.objects.get(code=spec.unit_code)
            if GoodPractice.objects.filter(unit=unit, year=spec.year, title=spec.title).exists():
                continue
            practice = good_practice_publish(
                actor=_staff_of(unit),
                unit=unit,
                year=spec.year,
                title=spec.title,
                area=spec.area,
                what_was_done=spec.what_was_done,
                results=spec.results,
                indicator_codes=spec.indicator_codes,
                illustrative=True,
            )
            if spec.featured:
                good_practice_feature(actor=secretariat, practice=practice, featured=True)
