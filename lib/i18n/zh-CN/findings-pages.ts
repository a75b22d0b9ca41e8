// 简体中文：分页显示的发现列表（数百个问题的拓扑）。
import type { enFindingsPages } from '../en/findings-pages';

export const zhFindingsPages: { readonly [K in keyof typeof enFindingsPages]: string } = {
  'findings.pageShown': '已显示 {shown} / {total} 条',
  'findings.showMore': '再显示 {count} 条',
  'findings.showAll': '显示全部 {total} 条',
};
