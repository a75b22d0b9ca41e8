// 中文：浏览器调用面板 API 时自己发现的错误。
import type { enClientErrors } from '../en/client-errors';

export const zhClientErrors: { readonly [K in keyof typeof enClientErrors]: string } = {
  'api.unexpectedAnswer': '服务器对 {path} 的应答不符合预期：{detail}',
  'api.notJson': '不是 JSON（可能是代理页面或其他服务器？）',
  'api.network': '面板服务器没有应答（{path}）；请检查它是否在运行且可以访问。',
};
