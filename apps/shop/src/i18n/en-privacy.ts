// English for the privacy centre (隐私中心); spread into en.ts.
export const enPrivacy = {
  '账号注销中，冷静期内可撤销注销 ›': 'Account cancellation pending: you can revoke it during the cooling-off period ›',
  '隐私政策已更新，请查看并重新同意 ›': 'The privacy policy has changed: please review and consent again ›',
  隐私中心: 'Privacy centre',
  账号注销中: 'Account cancellation pending',
  '冷静期结束（{time}）后，账号将被注销，个人信息删除或匿名化。':
    'When the cooling-off period ends ({time}) the account is cancelled and your personal data deleted or anonymised.',
  已撤销注销: 'Cancellation revoked',
  撤销注销: 'Revoke cancellation',
  隐私政策: 'Privacy policy',
  '当前版本 {version}': 'Current version {version}',
  '你已同意 {version}': 'you accepted {version}',
  '隐私政策已更新，请阅读变更并重新同意。':
    'The privacy policy has changed: please read the changes and consent again.',
  '请阅读并同意隐私政策。': 'Please read and accept the privacy policy.',
  '同意 {version} 版隐私政策': 'Accept privacy policy {version}',
  历史版本: 'Earlier versions',
  授权管理: 'Consents',
  '每次开启或关闭都会记录时间和当时的政策版本。':
    'Every change is recorded with its time and the policy version in force.',
  我们收集的信息: 'What we collect',
  '由数据模型直接生成：每张保存你信息的表、用途、保存期限和注销后的处理。':
    'Generated from the data model: every table holding your data, why, how long, and what cancellation does to it.',
  查看完整清单: 'See the full inventory',
  保存期限: 'Kept for',
  注销后: 'After cancellation',
  删除: 'Delete',
  匿名化: 'Anonymised',
  保留: 'Kept',
  下载我的数据: 'Download my data',
  '生成一份包含你全部个人信息和行为记录的 JSON 文件，7 天内可下载。':
    'Builds a JSON file with all your personal data and behaviour records, downloadable for 7 days.',
  已开始生成: 'Being prepared',
  申请下载: 'Request a download',
  '{tables} 张表 · {rows} 条记录 · {until} 前有效': '{tables} tables · {rows} records · valid until {until}',
  下载: 'Download',
  '生成中…': 'Preparing…',
  已过期: 'Expired',
  数据文件: 'Data file',
  更正与删除: 'Correct and delete',
  '修改昵称、密码': 'Change nickname or password',
  修改或删除收货地址: 'Edit or delete addresses',
  '浏览、搜索、点击与购买形成的行为记录（订单本身不受影响）':
    'Browsing, search, click and purchase records (your orders themselves stay)',
  '删除后推荐将不再参考这些记录，且无法恢复。':
    'Recommendations will no longer use these records. This cannot be undone.',
  '已删除 {n} 条': '{n} records deleted',
  行为与搜索记录: 'Behaviour and search history',
  根据行为推算的兴趣标签: 'Interest tags inferred from your activity',
  兴趣标签: 'Interest tags',
  注销账号: 'Cancel account',
  '提交后有 15 天冷静期，期间登录即可撤销。期满后手机号释放，个人信息删除或匿名化；订单与账目按法律要求以匿名形式保留。待付款、待发货、待收货的订单和处理中的售后需先完成。':
    'After you apply there is a 15-day cooling-off period during which you can sign in and revoke. Then your phone number is released and your personal data deleted or anonymised; orders and accounts are kept anonymously as the law requires. Orders awaiting payment, shipment or delivery and after-sales in progress must be finished first.',
  '确认注销账号？': 'Cancel your account?',
  '注销后积分、优惠券、会员等级将一并清除，且无法恢复。':
    'Your points, coupons and membership level will be lost and cannot be restored.',
  确认注销: 'Cancel account',
  申请注销: 'Apply to cancel',
  平台访问记录: 'Platform access to your data',
  '平台员工因处理订单、售后等查看你的信息时都会记录，这里列出查看者的岗位、时间和内容。':
    'Whenever platform staff look at your information (to handle an order or an after-sale, for example) it is recorded; here are their role, the time and what they saw.',
  还没有平台员工查看过你的信息: 'No platform staff have looked at your information',
};
