"""What each audit action means, in words for people: the audit page never shows a raw code.

Every action written anywhere in the code has its label here; a test reads the code for
``action="…"`` and fails on one without a label. An action seen in old events but no longer
written keeps its label, so the history stays readable.
"""

from django.apps import apps
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

ACTION_LABELS: dict[str, Promise] = {
    "document.correct": _("Ban hành văn bản đính chính, thay thế văn bản đã ban hành"),
    "document.draft": _("Soạn thảo văn bản (dự thảo)"),
    "document.issue": _("Ban hành văn bản (cấp số)"),
    "task.enqueue": _("Đưa việc vào hàng chờ chạy nền"),
    "confidence_session.create": _("Tổ chức đợt lấy phiếu tín nhiệm"),
    "vote.cast": _("Bỏ phiếu điện tử (không ghi lựa chọn)"),
    "vote.close": _("Kết thúc bỏ phiếu"),
    "vote.codes_issue": _("Phát mã bỏ phiếu dùng một lần"),
    "vote.count_confirm": _("Xác nhận kết quả kiểm phiếu"),
    "vote.count_enter": _("Nhập kết quả kiểm phiếu giấy"),
    "vote.create": _("Tạo cuộc bỏ phiếu"),
    "vote.finalise": _("Công bố kết quả bỏ phiếu"),
    "vote.keys_start": _("Chốt danh sách và mời người giữ khóa tạo khóa"),
    "vote.open": _("Mở bỏ phiếu"),
    "vote.trustee_decrypt": _("Người giữ khóa gửi phần giải mã tổng phiếu"),
    "vote.trustee_key": _("Người giữ khóa gửi khóa công khai"),
    "vote.update": _("Sửa cuộc bỏ phiếu"),
    "account.lock": _("Khóa tài khoản tạm thời"),
    "achievement_year.set": _("Ghi thành tích năm"),
    "api_token.create": _("Cấp mã truy cập API"),
    "assessment.fill": _("Chấm điểm trên phiếu"),
    "assessment.open": _("Mở phiếu chấm điểm"),
    "assessment.return": _("Trả lại phiếu chấm điểm"),
    "assessment.submit": _("Gửi phiếu chấm điểm"),
    "audit.seal": _("Niêm phong chuỗi kiểm toán"),
    "award.revoke": _("Thu hồi khen thưởng"),
    "award_round.candidate_add": _("Thêm vào danh sách đề nghị khen thưởng"),
    "award_round.candidate_keep": _("Ghi lý do vẫn đề nghị trường hợp chưa đủ điều kiện"),
    "award_round.candidate_remove": _("Bỏ khỏi danh sách đề nghị khen thưởng"),
    "award_round.decide": _("Ghi quyết định khen thưởng"),
    "award_round.deliberate": _("Ghi kết quả bình xét khen thưởng"),
    "award_round.open": _("Mở đợt xét khen thưởng"),
    "award_round.rejudge": _("Xét lại điều kiện khen thưởng"),
    "award_round.submit": _("Trình danh sách đề nghị khen thưởng"),
    "award_round.vote_apply": _("Ghi kết quả bỏ phiếu bình xét vào đợt xét"),
    "award_round.vote_create": _("Lập cuộc bỏ phiếu bình xét khen thưởng"),
    "backup_codes.regenerate": _("Tạo lại mã dự phòng đăng nhập"),
    "cluster.create": _("Tạo cụm thi đua"),
    "cluster_term.create": _("Lập cụm thi đua của năm"),
    "cluster_term.officer_change": _("Thay đổi cụm trưởng, cụm phó"),
    "cluster_term.update": _("Sửa quy chế, vụ theo dõi của cụm"),
    "cluster_term.member_add": _("Thêm thành viên cụm"),
    "cluster_term.member_remove": _("Bỏ thành viên cụm"),
    "covenant.open": _("Mở ký giao ước thi đua"),
    "covenant.sign": _("Ký giao ước thi đua"),
    "criterion.add": _("Thêm tiêu chí chấm điểm"),
    "criterion.delete": _("Xóa tiêu chí chấm điểm"),
    "criterion.update": _("Sửa tiêu chí chấm điểm"),
    "discipline.add": _("Ghi kỷ luật"),
    "discipline.end_set": _("Ghi ngày chấp hành xong kỷ luật"),
    "dispute.answer": _("Giải trình điểm chấm"),
    "dispute.appraise": _("Thẩm định giải trình"),
    "election.apply": _("Ghi kết quả bầu cụm trưởng, cụm phó năm sau"),
    "election.create": _("Lập cuộc bầu cụm trưởng, cụm phó năm sau"),
    "evidence.attach": _("Đính kèm minh chứng"),
    "explanation.open": _("Mở vòng giải trình"),
    "good_practice.feature": _("Giới thiệu mô hình, cách làm hay toàn ngành"),
    "good_practice.publish": _("Đăng mô hình, cách làm hay"),
    "grant.enter": _("Nhập khen thưởng đã nhận từ hồ sơ lưu trữ"),
    "indicator.catalogue_load": _("Nạp danh mục chỉ tiêu"),
    "initiative.add": _("Ghi sáng kiến, đề tài được công nhận"),
    "lineage.add": _("Ghi nhận kế thừa đơn vị"),
    "notification.read": _("Đánh dấu đã đọc thông báo"),
    "notification.read_all": _("Đánh dấu đã đọc mọi thông báo"),
    "notification.send": _("Gửi thông báo, nhắc việc"),
    "orgs.reference_load": _("Nạp danh mục đơn vị"),
    "pending_matter.close": _("Ghi kết thúc vụ việc đang xem xét"),
    "pending_matter.open": _("Ghi vụ việc đang xem xét"),
    "person.create": _("Thêm cán bộ"),
    "plan.adopt": _("Áp dụng kế hoạch của ngành"),
    "plan.advance": _("Chuyển giai đoạn kế hoạch"),
    "plan.configure": _("Cấu hình kế hoạch"),
    "plan.create": _("Tạo kế hoạch thi đua"),
    "plan.peer_include": _("Cho chấm chéo thành viên chưa đăng ký"),
    "plan.deadline": _("Đặt hạn giai đoạn"),
    "plan.import": _("Nhập kế hoạch từ tệp trao đổi"),
    "plan.publish": _("Công bố kết quả chấm điểm"),
    "plan.task_group": _("Đặt nhiệm vụ trọng tâm"),
    "position.add": _("Bổ nhiệm chức vụ"),
    "registration.accept": _("Chấp nhận đăng ký thi đua"),
    "registration.return": _("Trả lại đăng ký thi đua"),
    "registration.save": _("Lưu đăng ký thi đua"),
    "registration.submit": _("Gửi đăng ký thi đua"),
    "report.accept": _("Tiếp nhận báo cáo chỉ tiêu"),
    "report.correct": _("Điều chỉnh báo cáo đã tiếp nhận"),
    "report.demo_load": _("Nạp báo cáo dữ liệu mẫu"),
    "report.file_attach": _("Đính kèm tệp vào báo cáo"),
    "report.file_detach": _("Gỡ tệp khỏi báo cáo"),
    "report.return": _("Trả lại báo cáo chỉ tiêu"),
    "report.save": _("Lưu báo cáo chỉ tiêu"),
    "report.submit": _("Gửi báo cáo chỉ tiêu"),
    "reporting_period.create": _("Mở kỳ báo cáo"),
    "reporting_period.deadline_set": _("Đặt hạn kỳ báo cáo"),
    "role.grant": _("Phân quyền"),
    "role.revoke": _("Thu hồi vai trò"),
    "rulebook.load": _("Nạp văn bản và quy định khen thưởng"),
    "rulebook.parameter_set": _("Đặt giá trị tham số quy định"),
    "scale.issue": _("Ban hành thang điểm"),
    "scale.limits": _("Đặt giới hạn thang điểm"),
    "scale.revise": _("Lập phiên bản mới của thang điểm"),
    "target.demo_load": _("Nạp chỉ tiêu dữ liệu mẫu"),
    "target.set": _("Giao chỉ tiêu"),
    "two_factor.enrol": _("Thiết lập xác thực hai lớp"),
    "two_factor.remove": _("Gỡ xác thực hai lớp"),
    "two_factor.reset": _("Đặt lại xác thực hai lớp"),
    "unit.create": _("Tạo đơn vị"),
    "unit.update": _("Sửa đơn vị"),
    "unit_list.approve": _("Duyệt danh sách đăng ký của đơn vị"),
    "unit_list.save": _("Lưu danh sách đăng ký của đơn vị"),
    "user.create": _("Tạo tài khoản"),
    "user.deactivate": _("Khóa tài khoản"),
    "user.demo_load": _("Nạp tài khoản dữ liệu mẫu"),
    "user.import": _("Nhập tài khoản từ Excel"),
    "user.password_reset": _("Đặt mật khẩu mới qua liên kết"),
    "user.password_reset_issue": _("Cấp liên kết đặt mật khẩu"),
    "user.password_set": _("Đặt mật khẩu"),
}

# Django admin's events (thidua/audit/admin.py) are ``admin.<model>.<verb>``, one per model an
# operator may write there; they are named from the model's own name.
ADMIN_VERBS: dict[str, Promise] = {
    "create": _("Thêm"),
    "change": _("Sửa"),
    "delete": _("Xóa"),
}


def action_label(action: str) -> str:
    """The action in words; an action with no label (which a test prevents) shows as "Khác"
    with its code, so an event is never hidden."""
    label = ACTION_LABELS.get(action)
    if label is not None:
        return str(label)
    admin_label = _admin_action_label(action)
    return admin_label or f"{_('Khác')} ({action})"


def _admin_action_label(action: str) -> str:
    """``admin.unit.change`` as "Sửa đơn vị (trang quản trị)", or "" if it is not one."""
    prefix, _dot, rest = action.partition(".")
    model_name, _dot, verb = rest.partition(".")
    if prefix != "admin" or verb not in ADMIN_VERBS:
        return ""
    model = next((m for m in apps.get_models() if m._meta.model_name == model_name), None)
    if model is None:
        return ""
    return str(
        _("%(verb)s %(model)s (trang quản trị)")
        % {"verb": ADMIN_VERBS[verb], "model": model._meta.verbose_name}
    )
