"""Who may do what (权限), signing in (登录) and accounts (账户). Each key's Chinese and English side by side."""

STRINGS: dict[str, dict[str, str]] = {
    # --- permissions -------------------------------------------------------------------------------
    "access.anonymous": {"zh": "请先登录：未登录时不能{what}。", "en": "Sign in first: nobody signed in may {what}."},
    "access.refused": {
        "zh": "{who}（{role}）无权{what}，未做任何修改。",
        "en": "{who} ({role}) may not {what}; nothing was changed.",
    },
    "access.col.permission": {"zh": "权限", "en": "Permission"},
    "access.perm.import_data": {"zh": "导入数据", "en": "import data"},
    "access.perm.edit_data": {"zh": "在线编辑数据", "en": "edit data"},
    "access.perm.save_scenario": {"zh": "保存、改名或复制方案", "en": "save, rename or copy scenarios"},
    "access.perm.delete_scenario": {"zh": "删除方案", "en": "delete scenarios"},
    "access.perm.vendor_decision": {"zh": "作出企业准入决定", "en": "decide on vendor admission"},
    "access.perm.register_vendor": {"zh": "登记服务企业", "en": "register vendors"},
    "access.perm.gate_rules": {"zh": "修改三关规则", "en": "change the gate rules"},
    "access.perm.assumption_book": {"zh": "修改参数表", "en": "change the assumption book"},
    "access.perm.fee_standards": {"zh": "修改统一收费标准", "en": "change the fee standards"},
    "access.perm.backup": {"zh": "下载整库备份", "en": "download a backup of the store"},
    "access.perm.restore": {"zh": "恢复备份", "en": "restore a backup"},
    "access.perm.init_store": {"zh": "初始化数据库", "en": "initialise the store"},
    "access.perm.manage_accounts": {"zh": "管理账户", "en": "manage accounts"},
    "access.perm.adopt_plan": {"zh": "将方案确定为执行计划", "en": "adopt a plan"},
    "access.perm.approve_scenario": {"zh": "批准或退回方案", "en": "approve scenarios or send them back"},
    "access.perm.save_pack": {"zh": "保存汇报材料设置和汇报提纲", "en": "save the meeting pack's settings and briefing"},
    # --- audit log: sign-in events --------------------------------------------------------------------
    "data.action.sign_in": {"zh": "登录", "en": "Sign-in"},
    "data.action.sign_in_failed": {"zh": "登录失败", "en": "Failed sign-in"},
    "data.action.locked_out": {"zh": "账户锁定", "en": "Locked out"},
    "data.action.sign_out": {"zh": "退出", "en": "Sign-out"},
    "data.action.session_timeout": {"zh": "超时退出", "en": "Session timeout"},
    "data.source.app": {"zh": "网页", "en": "App"},
    "data.table.users": {"zh": "账户", "en": "Accounts"},
    "data.table.scenarios": {"zh": "方案", "en": "Scenarios"},
    "data.table.store": {"zh": "整库", "en": "Whole store"},
    # --- sign-in ------------------------------------------------------------------------------------
    "auth.title": {"zh": "登录", "en": "Sign in"},
    "auth.intro": {
        "zh": "请使用机关事务管理局分配的账户登录。",
        "en": "Sign in with the account the Government Offices Administration gave you.",
    },
    "auth.login": {"zh": "登录名", "en": "Login name"},
    "auth.password": {"zh": "密码", "en": "Password"},
    "auth.submit": {"zh": "登录", "en": "Sign in"},
    "auth.wrong": {"zh": "登录名或密码不正确。", "en": "Wrong login name or password."},
    "auth.locked": {
        "zh": "该账户因连续登录失败已被锁定，请于 {until}（UTC）之后重试，或请管理员解锁。",
        "en": "This account is locked after repeated failed sign-ins: try again after {until} (UTC), "
        "or ask an administrator to unlock it.",
    },
    "auth.demo": {
        "zh": "演示系统（示例数据）：示例账户 admin、analyst、viewer 的初始密码已在运行 `make run`"
        "（或 `python -m core init-db --demo`）的终端上显示一次，首次登录须修改。",
        "en": "Demo system (synthetic data): the first passwords of the demo accounts admin, analyst and viewer "
        "were shown once on the terminal that ran `make run` (or `python -m core init-db --demo`); "
        "each must be changed at the first sign-in.",
    },
    "auth.no_accounts": {
        "zh": "还没有任何账户。请在服务器上运行 `python -m core init-db --if-empty`（创建第一个管理员，密码显示在终端上）"
        "或 `python -m core users add 登录名 --role admin`。",
        "en": "There are no accounts yet. On the server, run `python -m core init-db --if-empty` (makes the first "
        "admin and shows its password on the terminal) or `python -m core users add NAME --role admin`.",
    },
    "auth.sso": {"zh": "使用统一身份认证登录", "en": "Sign in with single sign-on"},
    "auth.local": {"zh": "或使用本地账户登录：", "en": "Or sign in with a local account:"},
    "auth.pending": {
        "zh": "您的统一身份（{name}）已登记，但尚未获得授权。请联系管理员在「账户管理」中授权后再登录。",
        "en": "Your single-sign-on identity ({name}) is registered but has no access yet. Ask an administrator "
        "to grant it on the Accounts page, then sign in again.",
    },
    "auth.sso_disabled": {
        "zh": "该统一身份对应的账户已停用，请联系管理员。",
        "en": "The account of this single-sign-on identity is disabled; ask an administrator.",
    },
    "auth.sso_incomplete": {
        "zh": "统一身份认证未返回签发方（iss）和主体（sub），无法识别身份。",
        "en": "The single-sign-on provider sent no issuer (iss) and subject (sub): the identity cannot be known.",
    },
    "auth.sso_sign_out": {"zh": "退出统一身份认证", "en": "Sign out of single sign-on"},
    "auth.timeout": {
        "zh": "您已超过 {minutes} 分钟未操作，已自动退出，请重新登录。",
        "en": "You were signed out after {minutes} minutes without activity. Please sign in again.",
    },
    "auth.signed_out": {"zh": "您已退出登录。", "en": "You have signed out."},
    "auth.who": {"zh": "{name} · {role}", "en": "{name} · {role}"},
    "auth.sign_out": {"zh": "退出登录", "en": "Sign out"},
    "auth.autologin": {
        "zh": "演示自动登录（{role}）：服务器设置了 JGSW_DEMO_AUTOLOGIN，仅对示例数据有效。",
        "en": "Demo sign-in ({role}): the server sets JGSW_DEMO_AUTOLOGIN, honoured on synthetic data only.",
    },
    "auth.no_access": {"zh": "您的角色无权打开此页面。", "en": "Your role may not open this page."},
    "auth.change.title": {"zh": "修改密码", "en": "Change your password"},
    "auth.change.forced": {
        "zh": "这是由他人设置的初始密码：继续之前请设置您自己的密码。",
        "en": "This password was set by someone else: choose your own before you go on.",
    },
    "auth.change.expired": {
        "zh": "密码已使用超过 {days} 天，请设置新密码。",
        "en": "Your password is more than {days} days old: choose a new one.",
    },
    "auth.change.current": {"zh": "当前密码", "en": "Current password"},
    "auth.change.new": {"zh": "新密码", "en": "New password"},
    "auth.change.repeat": {"zh": "再次输入新密码", "en": "New password again"},
    "auth.change.submit": {"zh": "修改密码", "en": "Change password"},
    "auth.change.done": {"zh": "密码已修改。", "en": "Your password has been changed."},
    "auth.policy": {
        "zh": "密码要求：至少 {n} 个字符，含大写字母、小写字母、数字、其他符号中的至少 {k} 类，且不含登录名。",
        "en": "At least {n} characters, from at least {k} of: upper case, lower case, digits, other signs; "
        "never containing your login name.",
    },
    # --- password policy and account errors ----------------------------------------------------------
    "users.policy.length": {"zh": "密码至少需要 {n} 个字符。", "en": "The password needs at least {n} characters."},
    "users.policy.too_long": {"zh": "密码不能超过 {n} 个字符。", "en": "The password may have at most {n} characters."},
    "users.policy.kinds": {
        "zh": "密码须包含大写字母、小写字母、数字、其他符号中的至少 {n} 类。",
        "en": "The password needs at least {n} of: upper case, lower case, digits, other signs.",
    },
    "users.policy.login": {"zh": "密码不能包含登录名。", "en": "The password must not contain the login name."},
    "users.policy.spaces": {"zh": "密码不能以空格开头或结尾。", "en": "The password must not begin or end with a space."},
    "users.err.login": {
        "zh": "登录名“{login}”不可用：须为 2–64 个小写字母、数字或 . _ @ -，以字母或数字开头。",
        "en": "“{login}” cannot be a login name: 2-64 of a-z, 0-9, . _ @ -, starting with a letter or digit.",
    },
    "users.err.taken": {"zh": "登录名“{login}”已被使用。", "en": "The login name “{login}” is taken."},
    "users.err.display_long": {"zh": "姓名不能超过 100 个字符。", "en": "The display name may have at most 100 characters."},
    "users.err.unknown": {"zh": "没有登录名为“{login}”的账户。", "en": "There is no account “{login}”."},
    "users.err.no_password": {
        "zh": "此账户没有本地密码（通过统一身份认证登录）。",
        "en": "This account has no local password (it signs in through single sign-on).",
    },
    "users.err.current": {"zh": "当前密码不正确，未修改。", "en": "The current password is wrong; nothing was changed."},
    "users.err.repeat": {"zh": "两次输入的新密码不一致。", "en": "The two new passwords differ."},
    "users.err.same": {"zh": "新密码不能与当前密码相同。", "en": "The new password must differ from the current one."},
    "users.err.last_admin": {
        "zh": "不能停用最后一个管理员或取消其管理员角色。",
        "en": "The last active administrator cannot be disabled or lose the admin role.",
    },
    "users.err.self": {"zh": "不能停用您自己的账户。", "en": "You cannot disable your own account."},
    "users.err.not_request": {"zh": "“{login}”不是待授权的统一身份。", "en": "“{login}” is not a single-sign-on request."},
    "users.err.has_identity": {
        "zh": "账户“{login}”已关联了统一身份。",
        "en": "The account “{login}” is already mapped to a single-sign-on identity.",
    },
    "users.err.identity_taken": {
        "zh": "该统一身份已关联到另一个账户。",
        "en": "That single-sign-on identity is already mapped to another account.",
    },
    # --- pages: my account, accounts -----------------------------------------------------------------
    "nav.account": {"zh": "账户", "en": "Account"},
    "page.account": {"zh": "我的账户", "en": "My account"},
    "page.users": {"zh": "账户管理", "en": "Accounts"},
    "account.caption": {
        "zh": "您的账户、角色可以做的事，以及修改密码。",
        "en": "Your account, what your role may do, and your password.",
    },
    "account.summary": {
        "zh": "登录名 `{login}` · 姓名 **{name}** · 角色 **{role}** · 本次登录方式：{via}",
        "en": "Login `{login}` · name **{name}** · role **{role}** · signed in with: {via}",
    },
    "account.may": {"zh": "您的角色可以：", "en": "Your role may:"},
    "account.read_only": {
        "zh": "您的角色只能查看、模拟和导出，不能修改任何数据。",
        "en": "Your role may read, simulate and export; it cannot change anything.",
    },
    "account.via.password": {"zh": "密码", "en": "Password"},
    "account.via.sso": {"zh": "统一身份认证", "en": "Single sign-on"},
    "account.via.proxy": {"zh": "反向代理认证", "en": "The reverse proxy"},
    "account.via.demo": {"zh": "演示自动登录", "en": "Demo sign-in"},
    "users.caption": {
        "zh": "谁可以登录、以什么角色；锁定与解锁；待授权的统一身份。所有操作记入审计日志。",
        "en": "Who may sign in, with which role; locks; single-sign-on requests. Every change is audited.",
    },
    "users.col.login": {"zh": "登录名", "en": "Login"},
    "users.col.display_name": {"zh": "姓名", "en": "Name"},
    "users.col.role": {"zh": "角色", "en": "Role"},
    "users.col.state": {"zh": "状态", "en": "State"},
    "users.col.last_login": {"zh": "最近登录（UTC）", "en": "Last sign-in (UTC)"},
    "users.col.sign_in": {"zh": "登录方式", "en": "Signs in with"},
    "users.state.active": {"zh": "启用", "en": "Active"},
    "users.state.disabled": {"zh": "停用", "en": "Disabled"},
    "users.state.locked": {"zh": "锁定至 {until}", "en": "Locked until {until}"},
    "users.state.request": {"zh": "待授权", "en": "Waiting for a grant"},
    "users.state.change": {"zh": "须改密码", "en": "Must change password"},
    "users.sign_in.password": {"zh": "密码", "en": "Password"},
    "users.sign_in.sso": {"zh": "统一身份", "en": "Single sign-on"},
    "users.sign_in.both": {"zh": "密码或统一身份", "en": "Password or single sign-on"},
    "users.add.title": {"zh": "新增账户", "en": "Add an account"},
    "users.add.submit": {"zh": "新增", "en": "Add"},
    "users.add.done": {
        "zh": "已新增账户 {login}。初始密码（仅显示这一次，首次登录须修改）：",
        "en": "Account {login} added. Its first password (shown this once; to be changed at the first sign-in):",
    },
    "users.manage.title": {"zh": "修改账户", "en": "Change an account"},
    "users.manage.which": {"zh": "账户", "en": "Account"},
    "users.manage.role": {"zh": "改为此角色", "en": "Set the role"},
    "users.manage.disable": {"zh": "停用", "en": "Disable"},
    "users.manage.enable": {"zh": "启用", "en": "Enable"},
    "users.manage.unlock": {"zh": "解锁", "en": "Unlock"},
    "users.manage.reset": {"zh": "重置密码", "en": "Reset the password"},
    "users.manage.done": {"zh": "已修改账户 {login}。", "en": "Account {login} changed."},
    "users.manage.reset_done": {
        "zh": "账户 {login} 的新初始密码（仅显示这一次，下次登录须修改）：",
        "en": "The new first password of {login} (shown this once; to be changed at the next sign-in):",
    },
    "users.requests.title": {"zh": "待授权的统一身份", "en": "Single-sign-on requests"},
    "users.requests.none": {"zh": "没有待授权的统一身份。", "en": "No single-sign-on identity is waiting."},
    "users.requests.help": {
        "zh": "按签发方和主体（iss、sub）识别，从不只凭邮箱。可授予角色，或关联到已有账户。",
        "en": "Known by issuer and subject (iss, sub), never by e-mail alone. Grant a role, or map it to an "
        "existing account.",
    },
    "users.requests.grant": {"zh": "授予角色", "en": "Grant the role"},
    "users.requests.link_to": {"zh": "或关联到已有账户", "en": "Or map to an existing account"},
    "users.requests.link": {"zh": "关联", "en": "Map"},
    "users.requests.reject": {"zh": "拒绝", "en": "Refuse"},
}
