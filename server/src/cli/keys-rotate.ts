// `npm run keys:rotate`: re-encrypts the personal data (phones, platform/personal-data.ts) with a new key, in
// batches. Stop the servers first (they hold the old key). The new key: PARKSAFE_DATA_KEY_NEW, or — when the key
// lives in DATA_DIR/data.key — a new random one written to DATA_DIR/data.key.new and moved into place at the end
// (the old one is kept as data.key.old-<time> for older backups; move it to your key store). Interrupted: run it
// again, it resumes with the same new key.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PersonalDataKey, rotateDataKey } from '../platform/personal-data';
import { openForCli, run } from './common';

run(async () => {
  const { config, database } = await openForCli();
  try {
    const keyFile = path.join(config.dataDir, 'data.key');
    const newFile = `${keyFile}.new`;
    let nextSecret = process.env.PARKSAFE_DATA_KEY_NEW ?? '';
    if (!nextSecret && config.dataKeySource === 'env') {
      console.error(
        '密钥来自环境变量 PARKSAFE_DATA_KEY：请把新密钥放在 PARKSAFE_DATA_KEY_NEW（openssl rand -hex 32）后再运行；完成后把 PARKSAFE_DATA_KEY 换成新密钥',
      );
      return 1;
    }
    if (!nextSecret) {
      if (fs.existsSync(newFile)) {
        nextSecret = fs.readFileSync(newFile, 'utf8').trim();
        console.log(`继续上次未完成的轮换（${newFile}）`);
      } else {
        nextSecret = randomBytes(32).toString('hex');
        fs.writeFileSync(newFile, nextSecret, { mode: 0o600, flag: 'wx' });
      }
    }
    const current = new PersonalDataKey(config.dataKey);
    const next = new PersonalDataKey(nextSecret);
    if (current.checkValue === next.checkValue) {
      console.error('新密钥与当前密钥相同');
      return 1;
    }
    console.log(`个人信息密钥轮换：${current.id} → ${next.id}`);
    const n = await rotateDataKey(database.db, current, next, { log: (m) => console.log(m) });
    if (!process.env.PARKSAFE_DATA_KEY_NEW && config.dataKeySource === 'file') {
      const old = `${keyFile}.old-${new Date().toISOString().replace(/[:.]/g, '')}`;
      // Copy, then replace atomically: data.key never goes missing (a missing one would be created anew at start).
      fs.copyFileSync(keyFile, old);
      fs.chmodSync(old, 0o600);
      fs.renameSync(newFile, keyFile);
      console.log(`新密钥已写入 ${keyFile}；旧密钥保存为 ${old}（恢复旧备份时需要，请移入密钥库后删除）`);
    } else {
      console.log('请把 PARKSAFE_DATA_KEY 换成新密钥（PARKSAFE_DATA_KEY_NEW 的值）后再启动服务');
    }
    console.log(`完成：${n} 行已用新密钥重新加密`);
    return 0;
  } finally {
    await database.close();
  }
});
