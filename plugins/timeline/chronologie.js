/* La Vallee au Sommet timeline embed. SRI-pinned: publish any change as a new file. */
(function(w,d){"use strict";var K="data-lvas-chronologie",I="data-lvas-id",
s=d.currentScript,b=s&&new URL("chronologie/",s.src).href;
function id(f){if(!f.getAttribute(I)){var r=crypto.getRandomValues(new Uint32Array(2));r=r[0].toString(36)+r[1].toString(36);
f.setAttribute(I,r);f.src=f.src.split("#")[0]+"#lvas="+r}}
function adopt(f){function g(){id(f)}d.readyState=="complete"?g():(f.addEventListener("load",g),w.addEventListener("load",g))}
function run(){for(var a=d.querySelectorAll("a["+K+"],iframe["+K+"]:not(["+I+"])"),i=0,e,f,u;e=a[i++];)
if(e.tagName=="A"){u=new URL(e.hreflang=="en"?"en/":"",b);
["theme","compact","accent"].forEach(function(k){var v=e.getAttribute("data-"+k);v!=null&&u.searchParams.set(k,v)});
f=d.createElement("iframe");f.title=e.textContent.trim()||"La Vall\u00e9e au Sommet";
f.sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation";
f.loading="lazy";f.referrerPolicy="no-referrer";f.style.cssText="display:block;width:100%;height:40em;border:0";
f.src=u;id(f);e.parentNode.replaceChild(f,e)}
else if(!e.src.indexOf(b))adopt(e)}
if(b&&!w.lvasChronologie){w.lvasChronologie=1;w.addEventListener("message",function(m){
var x=m.data,f=d.querySelectorAll("iframe["+I+"]"),i=0,g,q;
if(x&&x.message=="height")for(;g=f[i++];)if(m.source===g.contentWindow&&x.secret===g.getAttribute(I)){
g.style.height=Math.min(4e3,Math.max(100,x.value|0))+"px";
q=g.previousElementSibling;q&&q.matches("blockquote.wp-embedded-content")&&(q.hidden=!0)}})}
b&&(d.readyState=="loading"?d.addEventListener("DOMContentLoaded",run):run())})(window,document);
