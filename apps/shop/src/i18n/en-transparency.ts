// English for the transparency page (verifiable log) and the held-review notice.
export const enTransparency = {
  透明度: 'Transparency',
  '评价与审核结论写入只能追加的公开日志（默克尔树）。核验在你的浏览器里完成：重新计算哈希、检查包含证明和签名，不依赖平台的说法。':
    'Reviews and moderation decisions go into an append-only public log (a Merkle tree). Checks run in your browser: hashes, inclusion proofs and signatures are recomputed here, not taken on our word.',
  '当前浏览器不支持 WebCrypto，无法在本地核验': 'This browser has no WebCrypto, so it cannot verify locally',
  签名树头: 'Signed tree head',
  记录条数: 'Entries',
  根哈希: 'Root hash',
  签名时间: 'Signed at',
  签名公钥: 'Public key',
  '与你上次看到的树头（{n} 条）一致：之前的记录没有被改写':
    'Consistent with the head you saw last time ({n} entries): nothing earlier was rewritten',
  '与你上次看到的树头不一致！': 'Inconsistent with the head you saw last time!',
  日志条目: 'Log entries',
  日志里还没有条目: 'The log has no entries yet',
  评价: 'Review',
  评价审核结论: 'Review moderation decision',
  在本机核验: 'Verify on this device',
  '核验没有完成，请重试': 'Verification did not finish — try again',
  '（只打了星）': '(stars only)',
  '该评价审核中，内容暂不公开；下面是日志条目本身的核验':
    'This review is under moderation and not shown; below is the check of the log entry itself',
  条目哈希与条目内容一致: 'Entry hash matches the entry',
  页面上的评价内容与日志记录一致: 'The review on screen matches the log',
  '包含在 {n} 条记录的默克尔树中': 'Included in the Merkle tree of {n} entries',
  '树头的 Ed25519 签名有效': 'The tree head’s Ed25519 signature is valid',
  '已验证，未被篡改': 'Verified, not tampered with',
  '核验失败：内容或证明不一致': 'Verification failed: content or proof does not match',
  '另有 {n} 条评价审核中，审核通过前不计入评分': '{n} more reviews are under moderation and not counted until cleared',
};
