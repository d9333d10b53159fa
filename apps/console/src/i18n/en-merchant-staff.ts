// English for 店铺员工: a shop's sub-accounts and their roles.
export const enMerchantStaff = {
  店铺员工: 'Shop staff',
  店主: 'Owner',
  店长: 'Manager',
  客服: 'Customer service',
  发货: 'Shipping',
  财务: 'Finance',
  邀请子账号: 'Invite a sub-account',
  本店员工: 'Staff of this shop',
  职责: 'Duties',
  店主不可修改: 'The owner cannot be changed',
  '移除 {name}？': 'Remove {name}?',
  '对方的个人账号保留，但不能再进入本店后台。':
    'Their own account stays, but they can no longer open this shop’s console.',
  已移除: 'Removed',
  '已移除，对方不能再进入本店': 'Removed; they can no longer open this shop',
  '已添加，对方用手机验证码登录后台即可进入本店':
    'Added; they sign in to the console with an SMS code to open this shop',
  '已注册的手机号直接加入本店；新手机号会自动注册，对方用验证码登录。':
    'A registered phone joins the shop at once; a new phone gets an account and signs in with an SMS code.',
  请选择岗位: 'Choose a role',
  '岗位已更新，对方下一次操作即按新岗位': 'Role updated; it applies to their next action',
  '为店长、客服、发货、财务开子账号，每个岗位只能使用自己职责内的功能；每次变更都会记录。':
    'Give managers, customer service, shipping and finance their own sub-accounts: each role reaches only what its duties need, and every change is recorded.',
  按岗位筛选: 'Filter by role',
  全部岗位: 'All roles',
  '还没有子账号，在右侧按手机号邀请': 'No sub-accounts yet: invite one by phone on the right',
  加载失败: 'Could not load',
  '你在本店的岗位（{role}）不能查看这个页面。如需开通，请联系店主。':
    'Your role in this shop ({role}) cannot open this page. Ask the shop owner if you need it.',
} as const;
